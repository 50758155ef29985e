import { sql } from 'drizzle-orm';
import { log } from '../util/log';
import type { Queryable } from './client';

/**
 * Rows SQLite samples per index. Bounded, so the work stays about a tenth of a second even on the
 * 200,000-referral database, and the figures are still good enough to choose between indexes.
 */
export const ANALYSIS_LIMIT = 1000;

/**
 * Refreshes the statistics SQLite's query planner chooses indexes by (sqlite_stat1). Without them,
 * an index a migration added after the last ANALYZE looks cheaper than it is: on the large database
 * the DSL's list walked a whole service's referrals through it and sorted them (20 ms) instead of
 * reading 26 rows of the school's list index. Run after migrations at startup and by housekeeping.
 */
export async function refreshPlannerStatistics(q: Queryable): Promise<void> {
	await q.run(sql.raw(`PRAGMA analysis_limit = ${ANALYSIS_LIMIT}`));
	await q.run(sql.raw('ANALYZE'));
}

/** As above, for startup: a failure is logged and the app starts anyway, with the statistics it had. */
export async function refreshPlannerStatisticsAtStart(q: Queryable): Promise<void> {
	try {
		await refreshPlannerStatistics(q);
	} catch (error) {
		log('warn', 'db.analyze-failed', { error: error instanceof Error ? error.message : String(error) });
	}
}
