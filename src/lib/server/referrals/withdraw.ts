import { and, eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { referralScope } from './scope';
import { stopTimers } from './timers';
import { applyTransition, type TransitionOutcome } from './transition';

/** Withdraws a referral with a reason (the school, or a youth worker); its timers stop. */
export async function withdrawReferral(actor: Actor, referralId: string, reason: string, expectedVersion: number, now = new Date()): Promise<TransitionOutcome | { ok: false; problem: 'not-found' }> {
	return db().transaction(async (tx) => {
		const [row] = await tx.select().from(t.referral).where(and(eq(t.referral.id, referralId), referralScope(actor)));
		if (!row || row.state === 'draft') return { ok: false as const, problem: 'not-found' as const };
		const outcome = await applyTransition(tx, actor, row, 'withdraw', { reason, expectedVersion, set: { withdrawnReason: reason } }, now);
		if (outcome.ok) await stopTimers(tx, referralId, now);
		return outcome;
	});
}
