import { and, eq, inArray, notExists } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import { t, type Db } from '../db';
import { newId } from '../util/ids';
import { followUpSchedule } from './dates';
import { serviceCalendars } from './settings';
import { FOLLOWED_UP_OUTCOMES } from './settle';

const BATCH = 200;

/**
 * Gives every outcome that is followed up (completed, partially completed, did not engage) its
 * follow-ups, once: the service's 6-month one and a 12-month one when the service asks (DOMAIN.md §3
 * step 10). Decoupled from the outcome page: it finds outcomes with no follow-up yet. The unique
 * (referral, months) key makes a second run, on any instance, add nothing. Returns how many cases
 * were scheduled.
 */
export async function scheduleFollowUps(database: Db, now: Date): Promise<number> {
	const calendarOf = serviceCalendars(database);
	const pending = await database
		.select({ referralId: t.caseOutcome.referralId, serviceId: t.caseOutcome.serviceId, schoolId: t.caseOutcome.schoolId, outcomeOn: t.caseOutcome.outcomeOn })
		.from(t.caseOutcome)
		.where(
			and(
				inArray(t.caseOutcome.outcome, [...FOLLOWED_UP_OUTCOMES]),
				notExists(database.select({ id: t.followUp.id }).from(t.followUp).where(eq(t.followUp.referralId, t.caseOutcome.referralId)))
			)
		)
		.limit(BATCH);
	let scheduled = 0;
	for (const outcome of pending) {
		const { settings, holidays } = await calendarOf(outcome.serviceId);
		const rows = followUpSchedule(outcome.outcomeOn, settings, holidays).map((f) => ({
			id: newId(),
			referralId: outcome.referralId,
			serviceId: outcome.serviceId,
			schoolId: outcome.schoolId,
			months: f.months,
			dueOn: f.dueOn,
			dueAt: f.dueAt,
			chaseAt: f.chaseAt,
			closeAt: f.closeAt
		}));
		const added = await database.transaction(async (tx) => {
			const inserted = await tx.insert(t.followUp).values(rows).onConflictDoNothing().returning({ months: t.followUp.months });
			if (inserted.length === 0) return false;
			await recordAudit(tx, null, {
				action: 'follow-up.scheduled',
				recordType: 'referral',
				recordId: outcome.referralId,
				serviceId: outcome.serviceId,
				schoolId: outcome.schoolId,
				address: null,
				detail: { months: inserted.map((r) => r.months).join(',') }
			});
			return true;
		});
		if (added) scheduled++;
	}
	return scheduled;
}
