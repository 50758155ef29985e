import { and, eq, ne, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { t } from '../db';
import { preparedByShape } from '../db/prepared';

/**
 * Which referrals an actor may see, as a predicate inside every query (STYLE.md rule 3): a school's
 * safeguarding leads see their own school's; youth workers and admins see their service's, but never
 * a school's unsubmitted drafts; governors and commissioners see none.
 */
export function referralScope(actor: Actor): SQL {
	return scopeWhere(referralScopeKind(actor), actor.serviceId, actor.schoolId ?? '');
}

/** Which of the scopes above an actor has: the shape of a prepared list query (db/prepared.ts). */
export type ReferralScopeKind = 'school' | 'service' | 'none';

export function referralScopeKind(actor: Actor): ReferralScopeKind {
	switch (actor.role) {
		case 'dsl':
		case 'deputy_dsl':
			return 'school';
		case 'youth_worker':
		case 'provider_admin':
			return 'service';
		default:
			return 'none';
	}
}

/** The same predicate with the placeholders `serviceId` and `schoolId`, for a prepared query. */
export function preparedReferralScope(kind: ReferralScopeKind): SQL {
	return scopeWhere(kind, sql.placeholder('serviceId'), sql.placeholder('schoolId'));
}

function scopeWhere(kind: ReferralScopeKind, serviceId: string | SQLWrapper, schoolId: string | SQLWrapper): SQL {
	switch (kind) {
		case 'school':
			return and(eq(t.referral.serviceId, serviceId), eq(t.referral.schoolId, schoolId)) as SQL;
		case 'service':
			return and(eq(t.referral.serviceId, serviceId), ne(t.referral.state, 'draft')) as SQL;
		case 'none':
			return sql`0`;
	}
}

const scopedReferralPrepared = preparedByShape((q, kind: ReferralScopeKind) =>
	q
		.select()
		.from(t.referral)
		.where(and(eq(t.referral.id, sql.placeholder('referralId')), preparedReferralScope(kind)))
		.prepare()
);

/**
 * The whole referral row, if the actor may see it (the scope inside the query): the case page's panels
 * each read it, so the query is built once per scope (db/prepared.ts).
 */
export async function scopedReferral(actor: Actor, referralId: string) {
	const [row] = await scopedReferralPrepared(referralScopeKind(actor), { referralId, serviceId: actor.serviceId, schoolId: actor.schoolId ?? '' }).all();
	return row ?? null;
}

const caseInScopePrepared = preparedByShape((q, kind: ReferralScopeKind) =>
	q
		.select({ id: t.referral.id, serviceId: t.referral.serviceId, schoolId: t.referral.schoolId, state: t.referral.state })
		.from(t.referral)
		.where(and(eq(t.referral.id, sql.placeholder('referralId')), preparedReferralScope(kind), ne(t.referral.state, 'draft')))
		.prepare()
);

/** A submitted case (not a draft) the actor may see, as the case page's panels check it first; prepared. */
export async function caseInScope(actor: Actor, referralId: string) {
	const [row] = await caseInScopePrepared(referralScopeKind(actor), { referralId, serviceId: actor.serviceId, schoolId: actor.schoolId ?? '' }).all();
	return row ?? null;
}

export function isSchoolActor(actor: Actor): boolean {
	return actor.role === 'dsl' || actor.role === 'deputy_dsl';
}
