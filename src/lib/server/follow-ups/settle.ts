import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { t, type Tx } from '../db';
import { applyTransition, type TransitionOutcome } from '../referrals/transition';
import type { Transition } from '../referrals/workflow';

/** The outcomes that get follow-ups (DOMAIN.md §3 step 10). A withdrawn case gets none. */
export const FOLLOWED_UP_OUTCOMES = ['completed', 'partially_completed', 'did_not_engage'] as const;
export type FollowedUpOutcome = (typeof FOLLOWED_UP_OUTCOMES)[number];

export function isFollowedUpOutcome(value: string): value is FollowedUpOutcome {
	return (FOLLOWED_UP_OUTCOMES as readonly string[]).includes(value);
}

const AWAIT_NEXT: Record<FollowedUpOutcome, Transition> = {
	completed: 'await-next-follow-up-completed',
	partially_completed: 'await-next-follow-up-partially-completed',
	did_not_engage: 'await-next-follow-up-did-not-engage'
};

export async function caseRowFor(tx: Tx, referralId: string) {
	const [row] = await tx
		.select({ id: t.referral.id, serviceId: t.referral.serviceId, schoolId: t.referral.schoolId, state: t.referral.state, version: t.referral.version })
		.from(t.referral)
		.where(eq(t.referral.id, referralId));
	return row ?? null;
}

/**
 * After a follow-up is recorded or closed as not returned (DOMAIN.md §3 steps 10–11): the case closes
 * when no follow-up is left open; it stays "follow-up due" while another one is due; otherwise it
 * waits in its outcome state for the next one (the 12-month follow-up). Null when nothing moves.
 */
export async function settleCase(tx: Tx, actor: Actor | null, referralId: string, last: 'record-follow-up' | 'follow-up-not-returned', now: Date): Promise<TransitionOutcome | null> {
	const row = await caseRowFor(tx, referralId);
	if (!row || row.state !== 'follow_up_due') return null;
	const open = await tx
		.select({ promptedAt: t.followUp.promptedAt })
		.from(t.followUp)
		.where(and(eq(t.followUp.referralId, referralId), isNull(t.followUp.recordedAt), isNull(t.followUp.notReturnedAt)));
	if (open.length === 0) return applyTransition(tx, actor, row, last, {}, now);
	if (open.some((f) => f.promptedAt !== null)) return null;
	const [outcome] = await tx.select({ outcome: t.caseOutcome.outcome }).from(t.caseOutcome).where(eq(t.caseOutcome.referralId, referralId));
	if (!outcome || !isFollowedUpOutcome(outcome.outcome)) return null;
	return applyTransition(tx, actor, row, AWAIT_NEXT[outcome.outcome], {}, now);
}
