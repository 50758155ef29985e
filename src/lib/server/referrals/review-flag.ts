import { and, count, eq, isNull } from 'drizzle-orm';
import { t, type Tx } from '../db';

/**
 * The case's review flag (a flag, not a state: DOMAIN.md §3) is up while anything on the case awaits
 * a decision: an open review (two missed sessions, say) or an open countersignature (a declined
 * required escalation, or a not-suitable decision). Call this, in the same transaction, after any of
 * them is opened or closed; it sets the flag to match and returns it.
 */
export async function refreshReviewFlag(tx: Tx, referralId: string): Promise<boolean> {
	const [reviews] = await tx
		.select({ n: count() })
		.from(t.caseReview)
		.where(and(eq(t.caseReview.referralId, referralId), isNull(t.caseReview.decidedAt)));
	const [countersigns] = await tx
		.select({ n: count() })
		.from(t.countersign)
		.where(and(eq(t.countersign.referralId, referralId), isNull(t.countersign.countersignedAt)));
	const open = (reviews?.n ?? 0) + (countersigns?.n ?? 0) > 0;
	await tx.update(t.referral).set({ reviewFlag: open }).where(and(eq(t.referral.id, referralId), eq(t.referral.reviewFlag, !open)));
	return open;
}
