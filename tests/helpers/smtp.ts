import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on a random port that parses what it receives and can refuse the next messages,
 * or take `delayMs` to accept each one (a slow mail server).
 */
export async function startSmtp() {
	const received: ParsedMail[] = [];
	const state = { refuse: 0, delayMs: 0 };
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		disableReverseLookup: true,
		onData(stream, _session, callback) {
			simpleParser(stream).then(
				async (mail) => {
					if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
					if (state.refuse > 0) {
						state.refuse--;
						callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
						return;
					}
					received.push(mail);
					callback();
				},
				(error: Error) => callback(error)
			);
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as AddressInfo;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		state,
		close: () => new Promise<void>((resolve) => server.close(resolve))
	};
}

export function recipients(mail: ParsedMail): string {
	const to = mail.to;
	return Array.isArray(to) ? to.map((a) => a.text).join(', ') : (to?.text ?? '');
}
