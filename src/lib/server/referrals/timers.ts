import { and, eq, isNull } from 'drizzle-orm';
import { t, type Tx } from '../db';
import { workingDayCalendar } from '../settings/calendar';
import { addHours, addWorkingDays } from '../time/working-days';
import { newId } from '../util/ids';

/** Kinds of timer; a timer with a subject (an escalation, say) also names it in subjectId. */
export type TimerKind = 'triage' | 'mash-written-referral' | 'mash-decision' | 'countersign';

/** Starts a timer whose due time is computed now, by the working-days rule (DOMAIN.md §3). */
export async function startWorkingDayTimer(
	tx: Tx,
	referral: { id: string; serviceId: string; schoolId: string },
	kind: TimerKind,
	workingDays: number,
	now = new Date(),
	subjectId: string | null = null
): Promise<Date> {
	const holidays = new Set(await workingDayCalendar(tx, referral.serviceId));
	const dueAt = addWorkingDays(now, workingDays, holidays);
	await tx.insert(t.caseTimer).values({ id: newId(), referralId: referral.id, serviceId: referral.serviceId, schoolId: referral.schoolId, kind, subjectId, startedAt: now, dueAt });
	return dueAt;
}

/** Starts a timer due a number of clock hours after `start` (the MASH written referral: 24 hours after the call). */
export async function startHoursTimer(
	tx: Tx,
	referral: { id: string; serviceId: string; schoolId: string },
	kind: TimerKind,
	hours: number,
	start = new Date(),
	subjectId: string | null = null
): Promise<Date> {
	const dueAt = addHours(start, hours);
	await tx.insert(t.caseTimer).values({ id: newId(), referralId: referral.id, serviceId: referral.serviceId, schoolId: referral.schoolId, kind, subjectId, startedAt: start, dueAt });
	return dueAt;
}

/** Marks a running timer met (the thing it waited for happened). */
export async function meetTimer(tx: Tx, referralId: string, kind: TimerKind, now = new Date()): Promise<void> {
	await tx
		.update(t.caseTimer)
		.set({ metAt: now })
		.where(and(eq(t.caseTimer.referralId, referralId), eq(t.caseTimer.kind, kind), isNull(t.caseTimer.metAt), isNull(t.caseTimer.stoppedAt)));
}

/** Marks met the running timer that belongs to one subject (a countersign row, say). */
export async function meetSubjectTimer(tx: Tx, subjectId: string, kind: TimerKind, now = new Date()): Promise<void> {
	await tx
		.update(t.caseTimer)
		.set({ metAt: now })
		.where(and(eq(t.caseTimer.subjectId, subjectId), eq(t.caseTimer.kind, kind), isNull(t.caseTimer.metAt), isNull(t.caseTimer.stoppedAt)));
}

/** Stops every running timer of a case (withdrawn: nothing is due any more, and nothing was breached). */
export async function stopTimers(tx: Tx, referralId: string, now = new Date()): Promise<void> {
	await tx
		.update(t.caseTimer)
		.set({ stoppedAt: now })
		.where(and(eq(t.caseTimer.referralId, referralId), isNull(t.caseTimer.metAt), isNull(t.caseTimer.stoppedAt)));
}
