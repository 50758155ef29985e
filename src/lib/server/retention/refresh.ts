import { and, eq, isNotNull } from 'drizzle-orm';
import { t, type Queryable } from '../db';
import { getSetting } from '../settings/settings';
import { isoDate, toLondon } from '../time/working-days';
import { nextReview } from './dates';

/** The London date a case closed. */
export function closedOnOf(closedAt: Date): string {
	return isoDate(toLondon(closedAt));
}

type RetentionRow = Pick<typeof t.referral.$inferSelect, 'id' | 'closedAt' | 'childProtection' | 'dateOfBirth' | 'retentionReviewOn' | 'retentionBasis'>;

const COLUMNS = {
	id: t.referral.id,
	closedAt: t.referral.closedAt,
	childProtection: t.referral.childProtection,
	dateOfBirth: t.referral.dateOfBirth,
	retentionReviewOn: t.referral.retentionReviewOn,
	retentionBasis: t.referral.retentionBasis
};

async function store(q: Queryable, row: RetentionRow, diversionYears: number): Promise<void> {
	if (!row.closedAt) return;
	const facts = { childProtection: row.childProtection, dateOfBirth: row.dateOfBirth, closedOn: closedOnOf(row.closedAt) };
	const next = nextReview(facts, diversionYears, { on: row.retentionReviewOn, basis: row.retentionBasis });
	if (next.on === row.retentionReviewOn && next.basis === row.retentionBasis) return;
	await q.update(t.referral).set({ retentionReviewOn: next.on, retentionBasis: next.basis }).where(eq(t.referral.id, row.id));
}

/**
 * Stores a closed case's review date (DOMAIN.md §7), in the caller's transaction: called when the case
 * closes and when its child-protection flag or date of birth changes. An open case has none yet.
 */
export async function refreshRetention(q: Queryable, referralId: string): Promise<void> {
	const [row] = await q.select({ ...COLUMNS, serviceId: t.referral.serviceId }).from(t.referral).where(eq(t.referral.id, referralId));
	if (!row?.closedAt) return;
	const { diversionYears } = await getSetting(q, row.serviceId, 'retention');
	await store(q, row, diversionYears);
}

/** Recomputes every closed case's review date in a service, after the retention period changed. */
export async function refreshServiceRetention(q: Queryable, serviceId: string, diversionYears: number): Promise<void> {
	const rows = await q
		.select(COLUMNS)
		.from(t.referral)
		.where(and(eq(t.referral.serviceId, serviceId), isNotNull(t.referral.retentionReviewOn)));
	for (const row of rows) await store(q, row, diversionYears);
}
