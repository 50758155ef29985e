import { join, resolve } from 'node:path';

/**
 * Where the journeys keep their scratch files (gitignored). Each run has its own folder, named by
 * JOURNEY_RUN, which playwright.config.ts sets in the runner and its workers inherit: several people
 * work in one tree, and two runs must never share databases, servers or scan records.
 */
export const ROOT = resolve('.');
export const JOURNEYS_TMP = join(ROOT, 'tests', '.tmp', 'journeys');

function runName(): string {
	const run = process.env.JOURNEY_RUN;
	if (!run) throw new Error('JOURNEY_RUN is not set: run the journeys with `npx playwright test`');
	return run;
}

export const RUN_DIR = join(JOURNEYS_TMP, runName());
/** The seeded demo database each journey file's server starts from a copy of. */
export const TEMPLATE_DB = join(RUN_DIR, 'template.db');
/** One JSON line per axe scan: which page route it covered. */
export const SCANS_DIR = join(RUN_DIR, 'scans');
export const SERVERS_DIR = join(RUN_DIR, 'servers');
