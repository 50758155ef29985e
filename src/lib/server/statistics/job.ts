import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { t, type Db } from '../db';
import { registerRecurringJob } from '../outbox/jobs';
import { refreshPendingStatistics, requestStatisticRefresh } from './refresh';

export const STATISTICS_JOB = 'statistics.refresh';

/**
 * A timer can pass its due time with nothing happening on the case: no chronology entry asks for a
 * refresh then. Asks for one for every case with an open timer that fell due after its row was last
 * computed, so the breach is counted. Returns how many were asked for.
 */
export async function requestRefreshForPassedTimers(database: Db, now: Date): Promise<number> {
	const stale = await database
		.selectDistinct({ referralId: t.caseTimer.referralId })
		.from(t.caseTimer)
		.innerJoin(t.referral, eq(t.referral.id, t.caseTimer.referralId))
		.innerJoin(t.referralStatistic, eq(t.referralStatistic.id, t.referral.statisticId))
		.where(and(isNull(t.caseTimer.metAt), isNull(t.caseTimer.stoppedAt), lt(t.caseTimer.dueAt, now), sql`${t.referralStatistic.updatedAt} < ${t.caseTimer.dueAt}`));
	for (const { referralId } of stale) await requestStatisticRefresh(database, referralId, now);
	return stale.length;
}

/** Catches the statistics rows up every minute; reports also refresh before they read. */
export function registerStatisticsRefresh(): void {
	registerRecurringJob(STATISTICS_JOB, 60_000, async ({ db, now }) => {
		await requestRefreshForPassedTimers(db, now);
		await refreshPendingStatistics(db, now);
	});
}
