import { and, eq, notInArray } from 'drizzle-orm';
import { REASON_MAX } from '$lib/schemas/triage';
import type { Actor } from '../auth/actor';
import { db, t, type Tx } from '../db';
import { applyTransition, type TransitionOutcome } from '../referrals/transition';
import { caseForYouthWorker } from './case';

/**
 * A hold stops the case moving into the programme until its escalations are answered, or a youth
 * worker lifts it with a reason (issue 6).
 */
export async function liftHold(
	actor: Actor,
	referralId: string,
	reason: string,
	expectedVersion: number,
	now = new Date()
): Promise<TransitionOutcome | { ok: false; problem: 'not-found' | 'too-long' }> {
	if (reason.trim().length > REASON_MAX) return { ok: false, problem: 'too-long' };
	return db().transaction(async (tx) => {
		const row = await caseForYouthWorker(tx, actor, referralId);
		if (!row) return { ok: false as const, problem: 'not-found' as const };
		return applyTransition(tx, actor, row, 'lift-hold', { reason: reason.trim(), expectedVersion }, now);
	});
}

/** Escalation states in which the agency has given its answer. */
/** An escalation no longer awaited: answered, closed, or withdrawn (nothing more will come of it). */
export const ANSWERED_ESCALATION_STATES = ['decided', 'closed', 'withdrawn'] as const;

export const HOLD_RELEASED_REASON = 'Every escalation on this case has its answer, so the hold was released.';

/**
 * Called by escalations, in the transaction that records an escalation's decision: a held case whose
 * escalations all have their answer moves to accepted, by the system, with a reason in the
 * chronology. A held case with no escalation at all stays held (a youth worker lifts that hold).
 * Returns whether the hold was released.
 */
export async function releaseHoldIfAnswered(tx: Tx, actor: Actor | null, referralId: string, now = new Date()): Promise<boolean> {
	const [row] = await tx
		.select()
		.from(t.referral)
		.where(and(eq(t.referral.id, referralId), actor ? eq(t.referral.serviceId, actor.serviceId) : undefined));
	if (!row || row.state !== 'on_hold') return false;
	const [any] = await tx.select({ id: t.escalation.id }).from(t.escalation).where(eq(t.escalation.referralId, referralId)).limit(1);
	if (!any) return false;
	const [waiting] = await tx
		.select({ id: t.escalation.id })
		.from(t.escalation)
		.where(and(eq(t.escalation.referralId, referralId), notInArray(t.escalation.state, [...ANSWERED_ESCALATION_STATES])))
		.limit(1);
	if (waiting) return false;
	const outcome = await applyTransition(tx, null, row, 'release-hold', { reason: HOLD_RELEASED_REASON }, now);
	return outcome.ok;
}
