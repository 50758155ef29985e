/**
 * `npm run demo`: builds the app, seeds an empty database with the demo, prints the sign-ins and
 * starts the built server.
 *
 *   --reset      delete the database file (and its -wal and -shm files) first, so it is seeded afresh
 *   --no-build   use the existing build/
 *   --seed-only  seed and stop: no build, no server (the browser journeys use this)
 *   --quiet      do not print the sign-ins
 *
 * Reads PORT (default 3000), ORIGIN (default http://localhost:$PORT), DATABASE_URL (default
 * file:data/divert.db) and OUTBOX_DIR (default data/outbox).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from './lib/args';
import { databaseFile, deleteDatabaseFile } from './lib/database-file';
import { ensureKitPaths, runTool } from './lib/kit';

const { flags } = parseArgs(process.argv.slice(2), { flags: ['reset', 'no-build', 'seed-only', 'quiet'] });
const seedOnly = flags.has('seed-only');

if (!seedOnly && !flags.has('no-build')) runTool('vite', ['build']);
await ensureKitPaths(['--no-build']);

const { DEFAULT_DATABASE_URL } = await import('../src/lib/server/db/config');
const port = process.env.PORT?.trim() || '3000';
const origin = process.env.ORIGIN?.trim() || `http://localhost:${port}`;
const databaseUrl = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;

if (flags.has('reset')) {
	const file = databaseFile(databaseUrl);
	if (!file) {
		process.stderr.write('--reset deletes a local database file, but DATABASE_URL is not a file: URL\n');
		process.exit(2);
	}
	const removed = deleteDatabaseFile(file);
	process.stdout.write(removed.length > 0 ? `Deleted ${removed.join(', ')}\n` : `No database at ${file} yet\n`);
}

const seeded = await seed(databaseUrl);
if (!flags.has('quiet')) await printSignIns(seeded, origin);
if (seedOnly) process.exit(0);
startServer();

async function seed(url: string): Promise<boolean> {
	const { closeDatabase, database, db, startDatabase } = await import('../src/lib/server/db');
	const { isEmptyDatabase, seedDemo } = await import('../src/lib/server/demo/seed');
	const { seedDemoReferrals } = await import('../src/lib/server/demo/referrals');
	await startDatabase({ ...process.env, DATABASE_URL: url });
	try {
		if (!(await isEmptyDatabase(db()))) return false;
		const embedded = database().config.embedded;
		// A bulk load of made-up data: syncing to disk after each of its thousands of small transactions
		// buys nothing (a seed that fails is simply run again with --reset), so sync once at the end.
		if (embedded) await database().client.execute('PRAGMA synchronous = OFF');
		const world = await seedDemo(db());
		await seedDemoReferrals(world);
		if (embedded) {
			await database().client.execute('PRAGMA synchronous = FULL');
			// Fold the WAL into the file, so a copy of the file alone holds everything (the journeys copy it).
			await database().client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
		}
		return true;
	} finally {
		await closeDatabase();
	}
}

async function printSignIns(seeded: boolean, appOrigin: string): Promise<void> {
	const { DEMO_PASSWORD, DEMO_SCHOOLS, DEMO_SERVICES, DEMO_SIGN_INS } = await import('../src/lib/server/demo/data');
	const { ROLE_LABELS } = await import('../src/lib/roles');
	const rows = DEMO_SIGN_INS.map((s) => [
		s.email,
		ROLE_LABELS[s.role] + (s.senior ? ' (senior)' : ''),
		s.school ? (DEMO_SCHOOLS.find((school) => school.key === s.school)?.name ?? '') : DEMO_SERVICES[s.service].name,
		s.totpSecret ?? '(sets one up at first sign-in)'
	]);
	const header = ['Email', 'Role', 'School or service', 'TOTP secret (base32)'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
	const out = [
		'',
		seeded ? 'Seeded the demo database.' : 'The database already has data, so it was not seeded again (use --reset to start afresh).',
		'',
		'Demo sign-ins (every account is made up):',
		'',
		line(header),
		line(widths.map((w) => '-'.repeat(w))),
		...rows.map(line),
		'',
		`Password for every account: ${DEMO_PASSWORD}`,
		'Authenticator codes: add the TOTP secret to any authenticator app, or run',
		'  npm run demo:code -- <email>',
		'(each code works once; the next one comes within 30 seconds).',
		'',
		`Open ${appOrigin}/sign-in`,
		''
	];
	process.stdout.write(out.join('\n') + '\n');
}

function startServer(): void {
	if (!existsSync('build/index.js')) {
		process.stderr.write('There is no build/ yet: run `npm run demo` without --no-build\n');
		process.exit(1);
	}
	const server = spawn(process.execPath, ['build'], {
		stdio: 'inherit',
		env: {
			...process.env,
			PORT: port,
			ORIGIN: origin,
			DATABASE_URL: databaseUrl,
			OUTBOX_DIR: process.env.OUTBOX_DIR?.trim() || 'data/outbox'
		}
	});
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => server.kill(signal));
	}
	server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
