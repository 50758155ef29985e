import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type InArgs, type ResultSet } from '@libsql/client';
import { builtAppEnv, freePort, waitForHealth } from '../../../scripts/lib/built-app';
import { CodeBook } from './totp';
import { ROOT, SERVERS_DIR, TEMPLATE_DB } from './paths';

/** One journey file's app: its own copy of the demo database and its own built server. */
export interface JourneyApp {
	url: string;
	dir: string;
	databaseUrl: string;
	outboxDir: string;
	codes: CodeBook;
	/** Runs one statement on the app's database (to age a session, or look up an id). */
	sql(statement: string, args?: InArgs): Promise<ResultSet>;
	stop(): Promise<void>;
}

export interface JourneyAppOptions {
	/** A database file to serve as it is (a restored backup, say) instead of a copy of the demo's. */
	database?: string;
	/** Another app's database: this app becomes a second instance on the same file (no copy is made). */
	databaseUrl?: string;
	/** Added to the app's environment (SMTP_URL, say). */
	env?: Record<string, string>;
}

/**
 * Copies the seeded template database (or takes the `database` file given: a restored backup, say)
 * and starts `node build` on a free port, in the environment `builtAppEnv` builds from scratch.
 */
export async function startJourneyApp(name: string, options: JourneyAppOptions = {}): Promise<JourneyApp> {
	if (!existsSync(join(ROOT, 'build', 'index.js'))) throw new Error('There is no build/: run `npm run build` first (`npm run test:journeys` does)');
	const dir = join(SERVERS_DIR, `${name}-${process.pid}-${Date.now()}`);
	const outboxDir = join(dir, 'outbox');
	mkdirSync(outboxDir, { recursive: true });
	const databaseFile = options.database ?? join(dir, 'app.db');
	if (!options.database && !options.databaseUrl) copyFileSync(TEMPLATE_DB, databaseFile);
	const databaseUrl = options.databaseUrl ?? `file:${databaseFile}`;
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const logPath = join(dir, 'server.log');
	const log = openSync(logPath, 'a');
	const env = builtAppEnv(port, databaseUrl, {
		OUTBOX_DIR: outboxDir,
		// The outbox worker writes emails as .eml files here; polling often keeps the journeys quick.
		OUTBOX_POLL_MS: '200',
		LOG_LEVEL: process.env.JOURNEY_LOG_LEVEL ?? 'silent',
		...options.env
	});
	const child = spawn(process.execPath, ['build'], { cwd: ROOT, env, stdio: ['ignore', log, log] });
	closeSync(log);
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
		await exited;
		clearTimeout(timer);
	};
	try {
		await waitForHealth(url, child, logPath);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		url,
		dir,
		databaseUrl,
		outboxDir,
		codes: new CodeBook(),
		async sql(statement, args) {
			const client = createClient({ url: databaseUrl, timeout: 5000, intMode: 'number' });
			try {
				return await client.execute({ sql: statement, args: args ?? [] });
			} finally {
				client.close();
			}
		},
		stop
	};
}
