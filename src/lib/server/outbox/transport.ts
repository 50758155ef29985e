import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createTransport } from 'nodemailer';
import type { EmailMessage } from './enqueue';
import { log } from '../util/log';

export const DEFAULT_MAIL_FROM = 'Divert for Schools <no-reply@divert.invalid>';
export const DEFAULT_OUTBOX_DIR = 'data/outbox';

export interface MailConfig {
	/** SMTP_URL, e.g. smtps://user:pass@smtp.example.com; null writes .eml files to `outboxDir` instead. */
	smtpUrl: string | null;
	from: string;
	outboxDir: string;
}

export function readMailConfig(env: Record<string, string | undefined>): MailConfig {
	return {
		smtpUrl: env.SMTP_URL?.trim() || null,
		from: env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM,
		outboxDir: resolve(env.OUTBOX_DIR?.trim() || DEFAULT_OUTBOX_DIR)
	};
}

export interface MailTransport {
	/** Where mail goes, for the log: the SMTP host (never the URL, which may hold a password) or the folder. */
	readonly target: string;
	/** Sends one outbox row's email; resolves once the SMTP server accepted it or the file is written. */
	send(id: string, message: EmailMessage): Promise<void>;
	close(): void;
}

/**
 * Short timeouts, so that a send finishes well inside the worker's 2-minute lease and another instance
 * never takes the row over while it is still being sent.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 };
/** The messages are plain text we wrote: nodemailer never needs to read a file or fetch a URL. */
const NO_FETCHING = { disableFileAccess: true, disableUrlAccess: true };

function mailOptions(config: MailConfig, id: string, message: EmailMessage) {
	const domain = /@([^@<>\s]+)>?\s*$/.exec(config.from)?.[1] ?? 'divert.invalid';
	return {
		from: config.from,
		to: message.to,
		subject: message.subject,
		text: message.text,
		// One Message-ID per outbox row: if a retry ever delivers twice, mail systems see the same message.
		messageId: `<${id}@${domain}>`,
		// RFC 3834: no out-of-office replies to the service.
		headers: { 'Auto-Submitted': 'auto-generated' }
	};
}

/** ISO 8601 basic format (no colons, so the name is valid on every file system), sorting by time. */
function fileStamp(at: Date): string {
	return at.toISOString().replace(/[-:]/g, '');
}

export function createMailTransport(config: MailConfig): MailTransport {
	if (config.smtpUrl) {
		const mailer = createTransport({ url: config.smtpUrl, ...SMTP_TIMEOUTS, ...NO_FETCHING });
		let host = 'smtp';
		try {
			host = `smtp ${new URL(config.smtpUrl).hostname}`;
		} catch {
			// nodemailer reports a bad URL at the first send; the log line just says smtp.
		}
		return {
			target: host,
			async send(id, message) {
				await mailer.sendMail(mailOptions(config, id, message));
			},
			close: () => mailer.close()
		};
	}
	// No SMTP server (the demo, a laptop): each message becomes an .eml file a mail client can open.
	const mailer = createTransport({ streamTransport: true, buffer: true, newline: 'windows', ...NO_FETCHING });
	return {
		target: config.outboxDir,
		async send(id, message) {
			const info = await mailer.sendMail(mailOptions(config, id, message));
			if (!Buffer.isBuffer(info.message)) throw new Error('the mail composer returned no message');
			// Password links are credentials: only this user may read the folder and the files.
			await mkdir(config.outboxDir, { recursive: true, mode: 0o700 });
			const path = join(config.outboxDir, `${fileStamp(new Date())}-${id}.eml`);
			// Written under another name first, so nothing watching the folder sees half a message.
			await writeFile(`${path}.part`, info.message, { mode: 0o600 });
			await rename(`${path}.part`, path);
			log('info', 'outbox.email.written', { id, path });
		},
		close: () => mailer.close()
	};
}
