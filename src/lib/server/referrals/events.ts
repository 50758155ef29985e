import type { Actor } from '../auth/actor';
import { t, type Tx } from '../db';
import { requestStatisticRefresh } from '../statistics/refresh';

export type CaseEventKind =
	| 'created'
	| 'edited'
	| 'corrected'
	| 'transition'
	| 'consent-withdrawn'
	| 'match-confirmed'
	| 'match-rejected'
	| 'flag'
	| 'escalation'
	| 'escalation-declined'
	| 'countersigned'
	| 'school-decision'
	| 'attendance'
	| 'session'
	| 'review'
	| 'assessment'
	| 'onward-referral'
	| 'follow-up'
	| 'certificate-issued'
	| 'certificate-revoked'
	| 'retention';

/**
 * Entries about progress in the programme: like the case's moves, the school sees them only with
 * consent to share progress (DOMAIN.md §3 step 2).
 */
export const PROGRESS_EVENT_KINDS: readonly string[] = ['assessment', 'onward-referral', 'attendance', 'session', 'review'];

export interface CaseEventInput {
	kind: CaseEventKind;
	fromState?: string | null;
	toState?: string | null;
	section?: string | null;
	/** Free text the person gave (a reason): stored as typed, escaped at output. Never in the audit log. */
	reason?: string | null;
	schoolVisible?: boolean;
}

/** Adds an entry to the case chronology, in the caller's transaction. */
export async function recordCaseEvent(
	tx: Tx,
	actor: Actor | null,
	referral: { id: string; serviceId: string; schoolId: string },
	event: CaseEventInput,
	now = new Date()
): Promise<void> {
	await tx.insert(t.caseEvent).values({
		referralId: referral.id,
		serviceId: referral.serviceId,
		schoolId: referral.schoolId,
		at: now,
		actorUserId: actor?.userId ?? null,
		actorRole: actor?.role ?? 'system',
		kind: event.kind,
		fromState: event.fromState ?? null,
		toState: event.toState ?? null,
		section: event.section ?? null,
		reason: event.reason ?? null,
		schoolVisible: event.schoolVisible ?? true
	});
	// Every change that reaches the chronology may change what reports count (DOMAIN.md §5).
	await requestStatisticRefresh(tx, referral.id, now);
}
