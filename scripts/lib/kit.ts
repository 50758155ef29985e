import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The app's modules import `$lib/…`, which tsx resolves through the tsconfig paths that
 * `svelte-kit sync` writes to .svelte-kit/tsconfig.json. tsx reads the tsconfig once, when it starts,
 * so on a fresh clone (no .svelte-kit yet) a script syncs and then runs itself again in a new process.
 * Import this module first and load the app's modules with `await import()` after `ensureKitPaths()`.
 */
const KIT_TSCONFIG = resolve('.svelte-kit/tsconfig.json');
const hadPathsAtStart = existsSync(KIT_TSCONFIG);

/** Runs a command from node_modules/.bin in the foreground; exits with its code when it fails. */
export function runTool(command: string, args: string[]): void {
	const result = spawnSync(resolve('node_modules/.bin', command), args, { stdio: 'inherit' });
	if (result.status !== 0) {
		process.stderr.write(`\n${command} ${args.join(' ')} failed\n`);
		process.exit(result.status ?? 1);
	}
}

/**
 * Makes sure `$lib` resolves in this process. Returns when it does; otherwise runs `svelte-kit sync`
 * (unless something, such as a build, already wrote the paths), runs this script again with the
 * same arguments plus `extraArgs`, passes signals on to it, and exits with its code (never returning).
 */
export async function ensureKitPaths(extraArgs: string[] = []): Promise<void> {
	if (hadPathsAtStart) return;
	if (!existsSync(KIT_TSCONFIG)) runTool('svelte-kit', ['sync']);
	const [script, ...args] = process.argv.slice(1);
	if (!script) throw new Error('ensureKitPaths: no script path in process.argv');
	const rerun = spawn(process.execPath, [...process.execArgv, script, ...args, ...extraArgs], { stdio: 'inherit' });
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => rerun.kill(signal));
	await new Promise<never>(() => {
		rerun.on('exit', (code) => process.exit(code ?? 1));
	});
}
