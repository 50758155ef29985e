import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { filePathOf, tableRows } from '../../src/lib/server/backup/backup';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/data';
import { expect, scan, test } from './fixtures';
import { ROOT } from './support/paths';
import { startJourneyApp } from './support/server';
import { signIn } from './support/sign-in';

/** Accounts the writes sign in as, in turn. */
const WRITERS = ['youthworker@example.org', 'senior.youthworker@example.org', 'dsl.oakfield@example.org', 'commissioner@example.org'];
/** Tables a sign-in writes to: its session and its audit rows. */
const SIGN_IN_TABLES = ['audit_event', 'auth_session'];

async function rowsOf(databaseUrl: string): Promise<Record<string, number>> {
	const client = createClient({ url: databaseUrl, timeout: 5000 });
	try {
		return await tableRows(client);
	} finally {
		client.close();
	}
}

/** `npm run <script> -- <args>` on the given database, as an operator would run it. */
function npmRun(script: string, args: string[], databaseUrl: string): Promise<{ code: number | null; out: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn('npm', ['run', '-s', script, '--', ...args], {
			cwd: ROOT,
			env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, LANG: process.env.LANG, DATABASE_URL: databaseUrl }
		});
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += String(chunk)));
		child.stderr.on('data', (chunk: Buffer) => (out += String(chunk)));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, out }));
	});
}

/**
 * Signs in with a password over HTTP, one sign-in after another, as a form without JavaScript posts
 * it: each one the app answers writes a session row and an audit row.
 */
function keepSigningIn(url: string) {
	let done = 0;
	let running = true;
	const loop = (async () => {
		for (let n = 0; running; n++) {
			const response = await fetch(`${url}/sign-in`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ email: WRITERS[n % WRITERS.length] ?? '', password: DEMO_PASSWORD })
			});
			await response.body?.cancel();
			if (response.status !== 303) throw new Error(`A sign-in was answered ${response.status}, not 303`);
			done++;
		}
	})();
	return {
		count: () => done,
		async reach(count: number) {
			while (done < count) await Promise.race([loop, new Promise((r) => setTimeout(r, 50))]);
		},
		async stop() {
			running = false;
			await loop;
			return done;
		}
	};
}

test('a backup taken while the app serves writes is restored, refusing to overwrite without --force, and the app serves it with the same rows', async ({ app, page }) => {
	test.setTimeout(240_000);
	const backupFile = join(app.dir, 'backups', 'during-writes.db');
	const before = await rowsOf(app.databaseUrl);

	// The backup runs while sign-ins go on writing, before it starts, during it and after it.
	const writes = keepSigningIn(app.url);
	await writes.reach(3);
	const backup = await npmRun('backup', ['--out', backupFile], app.databaseUrl);
	expect(backup.code, backup.out).toBe(0);
	expect(backup.out).toContain('integrity check: ok');
	await writes.reach(writes.count() + 3);
	await writes.stop();
	// Stopped before counting, so no scheduled job can write between the count and the restore.
	await app.stop();
	const live = await rowsOf(app.databaseUrl);
	const copy = await rowsOf(`file:${backupFile}`);
	// One consistent snapshot from the middle of the stream: some of the sign-ins, not all.
	expect(copy.auth_session).toBeGreaterThan((before.auth_session ?? 0) + 2);
	expect(copy.auth_session).toBeLessThan((live.auth_session ?? 0) - 2);
	expect(copy.audit_event).toBeLessThan(live.audit_event ?? 0);

	const refused = await npmRun('restore', [backupFile], app.databaseUrl);
	expect(refused.code).toBe(1);
	expect(refused.out).toContain('exists: restoring replaces it');
	expect(await rowsOf(app.databaseUrl)).toEqual(live);
	const restored = await npmRun('restore', [backupFile, '--force'], app.databaseUrl);
	expect(restored.code, restored.out).toBe(0);
	expect(restored.out).toContain('integrity check: ok');

	// Scheduled jobs stay off on the restored app: a demo timer falling due mid-test would otherwise
	// queue an overdue alert (an outbox row) and the comparison would measure the clock, not the restore.
	const served = await startJourneyApp('backup-restore-restored', { database: filePathOf(app.databaseUrl), env: { OUTBOX_WORKER: 'off' } });
	try {
		// The app has started on the restored file: every table holds the backup's rows.
		expect(await rowsOf(served.databaseUrl)).toEqual(copy);

		await page.goto(`${served.url}/sign-in`);
		await signIn(page, served, 'admin@example.org');
		await expect(page.getByRole('heading', { level: 1, name: 'Manage your service' })).toBeVisible();
		await scan(page);
		const after = await rowsOf(served.databaseUrl);
		// The sign-in wrote its own rows; everything else is still the backup's.
		expect(after.auth_session).toBe((copy.auth_session ?? 0) + 1);
		for (const table of Object.keys(copy).filter((name) => !SIGN_IN_TABLES.includes(name))) {
			expect({ table, rows: after[table] }).toEqual({ table, rows: copy[table] });
		}
	} finally {
		await served.stop();
	}
	expect(existsSync(`${filePathOf(app.databaseUrl)}.restoring`)).toBe(false);
});
