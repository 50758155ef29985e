/**
 * `npm run js-size`: the gzipped JavaScript (and CSS) a browser loads for some pages of the built app,
 * read from what the server actually sends (its modulepreload links), as a signed-in demo user where
 * the page needs one. Starts the built server on a copy of the demo database. `npm run bench` measures
 * the same on the large database, with budgets.
 *
 *   npx tsx scripts/js-size.ts            (run `npm run build` first)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureKitPaths } from './lib/kit';
import { pageAssets } from './lib/page-assets';

await ensureKitPaths();
const { startDatabase, db, closeDatabase, t } = await import('../src/lib/server/db');
const { seedDemo } = await import('../src/lib/server/demo/seed');
const { seedDemoReferrals } = await import('../src/lib/server/demo/referrals');
const { createSession } = await import('../src/lib/server/auth/session');
const { eq } = await import('drizzle-orm');

const dir = mkdtempSync(join(tmpdir(), 'divert-js-size-'));
const url = `file:${join(dir, 'size.db')}`;
await startDatabase({ DATABASE_URL: url });
const world = await seedDemo(db());
await seedDemoReferrals(world);
const signedIn = async (email: string) => (await createSession(db(), world.users[email] ?? '', { address: '127.0.0.1', userAgent: 'js-size', mfaVerifiedAt: new Date() })).token;
const token = await signedIn('dsl.oakfield@example.org');
const governor = await signedIn('governor.oakfield@example.org');
const [draft] = await db().select({ id: t.referral.id }).from(t.referral).where(eq(t.referral.state, 'draft'));
await db().run(`PRAGMA wal_checkpoint(TRUNCATE)` as never);
await closeDatabase();

const port = 4500 + Math.floor(Math.random() * 400);
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['build'], {
	env: { ...process.env, PORT: String(port), ORIGIN: base, DATABASE_URL: url, OUTBOX_WORKER: 'off', LOG_LEVEL: 'silent' },
	stdio: 'ignore'
});
for (let i = 0; i < 100; i++) {
	try {
		if ((await fetch(`${base}/health`)).ok) break;
	} catch {
		await new Promise((r) => setTimeout(r, 100));
	}
}

const SECTIONS = ['safety', 'pupil', 'family', 'incident', 'decision', 'consent'];
const pages: [string, string, string | null][] = [
	['Sign-in page', '/sign-in', null],
	...SECTIONS.map((s): [string, string, string] => [`Referral form (${s} section)`, `/referrals/${draft?.id}/section/${s}`, token]),
	['Governor report', `/reports/school/${world.schools.oakfield}`, governor],
	['DSL home', '/home', token]
];
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
process.stdout.write('| page | JS files | JS gzipped | CSS gzipped |\n|---|---|---|---|\n');
for (const [name, path, session] of pages) {
	const size = await pageAssets(base, path, session);
	process.stdout.write(`| ${name} | ${size.jsFiles} | ${kb(size.jsBytes)} | ${kb(size.cssBytes)} |\n`);
}
server.kill();
rmSync(dir, { recursive: true, force: true });
