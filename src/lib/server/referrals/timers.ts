import { and, eq, isNull } from 'drizzle-orm';
import { t, type Tx } from '../db';
import { workingDayCalendar } from '../settings/calendar';
import { addWorkingDays } from '../time/working-days';
import { newId } from '../util/ids';

export type TimerKind = 'triage';

/** Starts a timer whose due time is computed now, by the working-days rule (DOMAIN.md §3). */
export async function startWorkingDayTimer(
	tx: Tx,
	referral: { id: string; serviceId: string; schoolId: string },
	kind: TimerKind,
	workingDays: number,
	now = new Date()
): Promise<Date> {
	const holidays = new Set(await workingDayCalendar(tx, referral.serviceId));
	const dueAt = addWorkingDays(now, workingDays, holidays);
	await tx.insert(t.caseTimer).values({ id: newId(), referralId: referral.id, serviceId: referral.serviceId, schoolId: referral.schoolId, kind, startedAt: now, dueAt });
	return dueAt;
}

/** Marks a running timer met (the thing it waited for happened). */
export async function meetTimer(tx: Tx, referralId: string, kind: TimerKind, now = new Date()): Promise<void> {
	await tx
		.update(t.caseTimer)
		.set({ metAt: now })
		.where(and(eq(t.caseTimer.referralId, referralId), eq(t.caseTimer.kind, kind), isNull(t.caseTimer.metAt), isNull(t.caseTimer.stoppedAt)));
}

/** Stops every running timer of a case (withdrawn: nothing is due any more, and nothing was breached). */
export async function stopTimers(tx: Tx, referralId: string, now = new Date()): Promise<void> {
	await tx
		.update(t.caseTimer)
		.set({ stoppedAt: now })
		.where(and(eq(t.caseTimer.referralId, referralId), isNull(t.caseTimer.metAt), isNull(t.caseTimer.stoppedAt)));
}
