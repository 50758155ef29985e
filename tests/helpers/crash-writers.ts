import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'vite';

/**
 * Bundles the crash test's writer (tests/helpers/crash-writer.ts) and our modules into one file,
 * leaving the packages (drizzle, the native libSQL driver) to load from node_modules as the app's
 * build does. Under tsx a restart costs about 0.7 s of CPU, this about 0.3 s: the difference between
 * 50 restarts fitting in a minute on a busy two-core machine or not. `dir` must be inside the project.
 */
export async function bundleWriter(dir: string): Promise<string> {
	await build({
		configFile: false,
		logLevel: 'warn',
		build: {
			ssr: 'tests/helpers/crash-writer.ts',
			outDir: dir,
			emptyOutDir: true,
			minify: false,
			rollupOptions: { output: { entryFileNames: 'crash-writer.mjs', format: 'es' } }
		}
	});
	return join(dir, 'crash-writer.mjs');
}

export interface Writer {
	/** Modules loaded; waiting for go(). */
	loaded: Promise<void>;
	/** Database open (recovered after the last kill); writing. */
	ready: Promise<void>;
	go(): void;
	/** SIGKILL; resolves once every line the writer printed before it died has been read. */
	kill(): Promise<void>;
}

/** Starts a bundled writer; each date it acknowledges is pushed onto `acked` as the line arrives. */
export function startWriter(script: string, env: NodeJS.ProcessEnv, acked: string[]): Writer {
	const child = spawn(process.execPath, [script], { env: { ...process.env, ...env } });
	let stderr = '';
	let killed = false;
	child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
	const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));

	const waiting = new Map<string, () => void>();
	let pending = '';
	child.stdout.on('data', (chunk: Buffer) => {
		const lines = (pending + String(chunk)).split('\n');
		pending = lines.pop() ?? '';
		for (const line of lines) {
			if (line.startsWith('ack ')) acked.push(line.slice(4));
			else waiting.get(line)?.();
		}
	});
	const said = (word: string) => {
		const heard = new Promise<void>((resolve, reject) => {
			waiting.set(word, resolve);
			void closed.then(() =>
				reject(new Error(killed ? `A writer was killed before saying "${word}"` : `A writer exited by itself (code ${child.exitCode}):\n${stderr}`))
			);
		});
		// A writer still loading when the test ends is killed unheard: only an awaited word may fail the test.
		heard.catch(() => undefined);
		return heard;
	};

	return {
		loaded: said('loaded'),
		ready: said('ready'),
		go: () => child.stdin.write('go\n'),
		async kill() {
			killed = true;
			child.kill('SIGKILL');
			await closed;
		}
	};
}
