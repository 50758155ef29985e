import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export interface BenchServer {
	url: string;
	stop(): Promise<void>;
}

function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const probe = createServer();
		probe.unref();
		probe.on('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no free port'))));
		});
	});
}

const tail = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').slice(-20).join('\n') : '');

async function waitForHealth(url: string, child: ChildProcess, logPath: string, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`The app exited with code ${child.exitCode} while starting:\n${tail(logPath)}`);
		try {
			if ((await fetch(`${url}/health`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`The app did not answer ${url}/health within ${timeoutMs} ms:\n${tail(logPath)}`);
}

/**
 * Starts the built app (`node build`) on the database, on loopback, as production runs it: the same
 * environment the journeys give it, plus BENCH=1 (the write floor) and no outbox worker (so nothing
 * but the measured requests runs). Its log goes to `logPath`.
 */
export async function startBenchServer(databaseUrl: string, logPath: string): Promise<BenchServer> {
	if (!existsSync(resolve('build', 'index.js'))) throw new Error('There is no build/: run `npm run build` (or drop --no-build)');
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const log = openSync(logPath, 'a');
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		TMPDIR: process.env.TMPDIR,
		LANG: process.env.LANG,
		NODE_ENV: 'production',
		HOST: '127.0.0.1',
		PORT: String(port),
		ORIGIN: url,
		DATABASE_URL: databaseUrl,
		OUTBOX_WORKER: 'off',
		BENCH: '1',
		SHUTDOWN_TIMEOUT: '1'
	};
	const child = spawn(process.execPath, ['build'], { env, stdio: ['ignore', log, log] });
	closeSync(log);
	// Never leave the server running when the bench stops, however it stops.
	const orphan = () => child.kill('SIGKILL');
	process.once('exit', orphan);
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise<void>((done) => child.once('exit', () => done()));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		await exited;
		clearTimeout(timer);
		process.off('exit', orphan);
	};
	try {
		// Opening a 3 GB file and checking its migrations takes a moment on a busy machine.
		await waitForHealth(url, child, logPath, 120_000);
	} catch (error) {
		await stop();
		throw error;
	}
	return { url, stop };
}
