import { and, asc, eq, gt, lte, or, type SQL } from 'drizzle-orm';
import { todayIso } from '$lib/schemas/fields';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { basisLabel } from './record';
import { closedOnOf } from './refresh';

export const RETENTION_PAGE_SIZE = 25;
export type RetentionListView = 'due' | 'held';

/** Keyset cursor: the last row's review date and id (due), or its id alone (held). */
function decodeCursor(cursor: string | null | undefined): { on: string; id: string } | null {
	const match = /^(\d{4}-\d{2}-\d{2})?\.([a-z0-9]{1,40})$/.exec(cursor ?? '');
	return match ? { on: match[1] ?? '', id: match[2] as string } : null;
}

/**
 * The records a provider admin must decide on (DOMAIN.md §7): closed cases whose review date has come,
 * soonest first (index referral_retention_review), or every record on legal hold (referral_legal_hold).
 * A page at a time by keyset; rows hold nothing about the young person.
 */
export function retentionListQuery(actor: Actor, view: RetentionListView, after: string | null, now = new Date()) {
	const cursor = decodeCursor(after);
	const where: (SQL | undefined)[] = [eq(t.referral.serviceId, actor.serviceId)];
	if (view === 'due') {
		where.push(lte(t.referral.retentionReviewOn, todayIso(now)));
		if (cursor) where.push(or(gt(t.referral.retentionReviewOn, cursor.on), and(eq(t.referral.retentionReviewOn, cursor.on), gt(t.referral.id, cursor.id))));
	} else {
		where.push(eq(t.referral.legalHold, true));
		if (cursor) where.push(gt(t.referral.id, cursor.id));
	}
	return db()
		.select({
			id: t.referral.id,
			schoolName: t.school.name,
			closedAt: t.referral.closedAt,
			reviewOn: t.referral.retentionReviewOn,
			basis: t.referral.retentionBasis,
			note: t.referral.retentionNote,
			legalHold: t.referral.legalHold
		})
		.from(t.referral)
		.innerJoin(t.school, eq(t.school.id, t.referral.schoolId))
		.where(and(...where))
		.orderBy(...(view === 'due' ? [asc(t.referral.retentionReviewOn), asc(t.referral.id)] : [asc(t.referral.id)]))
		.limit(RETENTION_PAGE_SIZE + 1);
}

/** One page of the list; one audit row names the view, never a record (SECURITY.md 15). */
export async function retentionList(actor: Actor, view: RetentionListView, after: string | null, now = new Date()) {
	if (actor.role !== 'provider_admin') return { rows: [], next: null };
	const rows = await retentionListQuery(actor, view, after, now);
	await recordAudit(db(), actor, { action: 'retention.list', detail: { view, page: after ? 'next' : 'first' } });
	const page = rows.slice(0, RETENTION_PAGE_SIZE);
	const last = page.at(-1);
	return {
		rows: page.map((r) => ({
			id: r.id,
			schoolName: r.schoolName,
			closedOn: r.closedAt ? closedOnOf(r.closedAt) : null,
			reviewOn: r.reviewOn,
			basis: basisLabel(r.basis, r.note),
			legalHold: r.legalHold
		})),
		next: rows.length > RETENTION_PAGE_SIZE && last ? `${view === 'due' ? (last.reviewOn ?? '') : ''}.${last.id}` : null
	};
}
