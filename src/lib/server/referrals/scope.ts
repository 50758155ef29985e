import { and, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { t } from '../db';

/**
 * Which referrals an actor may see, as a predicate inside every query (STYLE.md rule 3): a school's
 * safeguarding leads see their own school's; youth workers and admins see their service's, but never
 * a school's unsubmitted drafts; governors and commissioners see none.
 */
export function referralScope(actor: Actor): SQL {
	switch (actor.role) {
		case 'dsl':
		case 'deputy_dsl':
			return and(eq(t.referral.serviceId, actor.serviceId), eq(t.referral.schoolId, actor.schoolId ?? '')) as SQL;
		case 'youth_worker':
		case 'provider_admin':
			return and(eq(t.referral.serviceId, actor.serviceId), ne(t.referral.state, 'draft')) as SQL;
		default:
			return sql`0`;
	}
}

export function isSchoolActor(actor: Actor): boolean {
	return actor.role === 'dsl' || actor.role === 'deputy_dsl';
}
