import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { JOURNEY_TMP, ROOT, TEMPLATE_DB } from './paths';

/**
 * Once per run: empties the scratch folder (old scan records would hide a page no journey scans now)
 * and seeds the demo into a template database, which each journey file's server starts from a copy of.
 */
export default function globalSetup(): void {
	if (!existsSync(join(ROOT, 'build', 'index.js'))) throw new Error('There is no build/: run `npm run build` first (`npm run test:journeys` does)');
	rmSync(JOURNEY_TMP, { recursive: true, force: true });
	mkdirSync(JOURNEY_TMP, { recursive: true });
	const seeded = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/demo.ts', '--seed-only', '--quiet'], {
		cwd: ROOT,
		env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: `file:${TEMPLATE_DB}`, LOG_LEVEL: 'silent' },
		encoding: 'utf8'
	});
	if (seeded.status !== 0) throw new Error(`Seeding the journeys' database failed:\n${seeded.stdout}\n${seeded.stderr}`);
}
