import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { JOURNEYS_TMP, ROOT, RUN_DIR, TEMPLATE_DB } from './paths';

const STALE_MS = 6 * 60 * 60_000;

/** The newest modification time of any file under a folder that goes into the build (tests do not). */
function newest(dir: string): number {
	let latest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) latest = Math.max(latest, newest(path));
		else if (!entry.name.endsWith('.test.ts')) latest = Math.max(latest, statSync(path).mtimeMs);
	}
	return latest;
}

/** Removes earlier runs' folders once they are old enough that no run can still be using them. */
function pruneOldRuns(dir: string): void {
	if (!existsSync(dir)) return;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory() && entry.name.startsWith('run-') && Date.now() - statSync(path).mtimeMs > STALE_MS) {
			rmSync(path, { recursive: true, force: true });
		}
	}
}

/**
 * Once per run: makes this run's scratch folder (its own, so earlier scan records cannot hide a page
 * no journey scans now) and seeds the demo into a template database, which each journey file's
 * server starts from a copy of.
 */
export default function globalSetup(): void {
	if (!existsSync(join(ROOT, 'build', 'index.js'))) throw new Error('There is no build/: run `npm run build` first (`npm run test:journeys` does)');
	if (newest(join(ROOT, 'src')) > statSync(join(ROOT, 'build', 'index.js')).mtimeMs) {
		process.stderr.write('Warning: src/ has changed since the last build, so the journeys test an old build: run `npm run build` first (`npm run test:journeys` does)\n');
	}
	pruneOldRuns(JOURNEYS_TMP);
	pruneOldRuns(join(ROOT, 'test-results', 'journeys'));
	mkdirSync(RUN_DIR, { recursive: true });
	const seeded = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/demo.ts', '--seed-only', '--quiet'], {
		cwd: ROOT,
		env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: `file:${TEMPLATE_DB}`, LOG_LEVEL: 'silent' },
		encoding: 'utf8'
	});
	if (seeded.status !== 0) throw new Error(`Seeding the journeys' database failed:\n${seeded.stdout}\n${seeded.stderr}`);
}
