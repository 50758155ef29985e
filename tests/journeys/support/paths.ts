import { join, resolve } from 'node:path';

/** Where the journeys keep their scratch files (gitignored, emptied at the start of every run). */
export const ROOT = resolve('.');
export const JOURNEY_TMP = join(ROOT, 'tests', '.tmp', 'journeys');
/** The seeded demo database each journey file's server starts from a copy of. */
export const TEMPLATE_DB = join(JOURNEY_TMP, 'template.db');
/** One JSON line per axe scan: which page route it covered. */
export const SCANS_DIR = join(JOURNEY_TMP, 'scans');
export const SERVERS_DIR = join(JOURNEY_TMP, 'servers');
