import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtAppEnv, freePort, waitForHealth } from '../built-app';

export interface BenchServer {
	url: string;
	stop(): Promise<void>;
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
	const env = builtAppEnv(port, databaseUrl, { OUTBOX_WORKER: 'off', BENCH: '1' });
	// BENCH_PROF=<dir>: the server writes a V8 CPU profile there when it stops (for finding where a page's time goes).
	const profile = process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_PROF)}`] : [];
	const child = spawn(process.execPath, [...profile, 'build'], { env, stdio: ['ignore', log, log] });
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
