import { and, eq, isNull } from 'drizzle-orm';
import { t, type Tx } from '../db';
import { startHoursTimer, startWorkingDayTimer, type TimerKind } from '../referrals/timers';
import { getSetting } from '../settings/settings';
import { needsWrittenReferral } from './lifecycle';

interface CaseRef {
	id: string;
	serviceId: string;
	schoolId: string;
}

/** Timer labels for people (the case page and the due list). */
export const TIMER_LABELS: Record<string, string> = {
	triage: 'Triage',
	'mash-written-referral': 'Written MASH referral',
	'mash-decision': 'MASH decision',
	countersign: 'Countersignature'
};

/**
 * The timers a MASH escalation starts when it is made (DOMAIN.md §3 step 4), both counted from the
 * time it was sent, not from when it was recorded:
 * - the written referral, due 24 hours (slas.mashWrittenReferralHours) after a phone call or visit;
 *   met when the written referral's time is recorded on the same escalation;
 * - the MASH decision, due 1 working day (slas.mashDecisionWorkingDays) after it was sent; met when
 *   the decision is recorded. Past due with no decision, it is overdue and the youth workers are told.
 */
export async function startEscalationTimers(
	tx: Tx,
	referral: CaseRef,
	escalation: { id: string; agency: string; method: string | null; sentAt: Date | null; writtenReferralAt: Date | null }
): Promise<void> {
	if (escalation.agency !== 'mash' || !escalation.sentAt) return;
	const slas = await getSetting(tx, referral.serviceId, 'slas');
	if (needsWrittenReferral(escalation)) {
		await startHoursTimer(tx, referral, 'mash-written-referral', slas.mashWrittenReferralHours, escalation.sentAt, escalation.id);
		if (escalation.writtenReferralAt) await meetEscalationTimer(tx, referral.id, escalation.id, 'mash-written-referral', escalation.writtenReferralAt);
	}
	await startWorkingDayTimer(tx, referral, 'mash-decision', slas.mashDecisionWorkingDays, escalation.sentAt, escalation.id);
}

/** Marks an escalation's running timer met at the time the thing happened (as recorded). */
export async function meetEscalationTimer(tx: Tx, referralId: string, escalationId: string, kind: TimerKind, at: Date): Promise<void> {
	await tx
		.update(t.caseTimer)
		.set({ metAt: at })
		.where(and(eq(t.caseTimer.referralId, referralId), eq(t.caseTimer.subjectId, escalationId), eq(t.caseTimer.kind, kind), isNull(t.caseTimer.metAt), isNull(t.caseTimer.stoppedAt)));
}

/** Stops an escalation's running timers (it was withdrawn, or closed with nothing more expected). */
export async function stopEscalationTimers(tx: Tx, referralId: string, escalationId: string, now: Date): Promise<void> {
	await tx
		.update(t.caseTimer)
		.set({ stoppedAt: now })
		.where(and(eq(t.caseTimer.referralId, referralId), eq(t.caseTimer.subjectId, escalationId), isNull(t.caseTimer.metAt), isNull(t.caseTimer.stoppedAt)));
}
