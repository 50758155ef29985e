import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Starting the built app (`node build`) as a child process: shared by the journeys
 * (tests/journeys/support/server.ts) and the benchmark (scripts/lib/bench/server.ts).
 */

/** A loopback port nothing listens on right now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.unref();
		probe.on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
		});
	});
}

/**
 * The environment the built app runs in, from scratch, so nothing from the caller (database keys,
 * SMTP, Playwright's loaders) leaks in: production mode on loopback at `port`, with ORIGIN set to
 * that address (or every form POST gets 403), on `databaseUrl`, stopping at once when told to.
 */
export function builtAppEnv(port: number, databaseUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		TMPDIR: process.env.TMPDIR,
		LANG: process.env.LANG,
		NODE_ENV: 'production',
		HOST: '127.0.0.1',
		PORT: String(port),
		ORIGIN: `http://127.0.0.1:${port}`,
		DATABASE_URL: databaseUrl,
		SHUTDOWN_TIMEOUT: '1',
		...extra
	};
}

/** The end of the app's log, for an error message. */
export function logTail(path: string): string {
	return existsSync(path) ? readFileSync(path, 'utf8').split('\n').slice(-30).join('\n') : '';
}

/** Resolves once the app answers /health; fails with its log's end if it exits or takes longer than `timeoutMs`. */
export async function waitForHealth(url: string, child: ChildProcess, logPath: string, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`The app exited with code ${child.exitCode} while starting:\n${logTail(logPath)}`);
		try {
			if ((await fetch(`${url}/health`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`The app did not answer ${url}/health within ${timeoutMs} ms:\n${logTail(logPath)}`);
}
