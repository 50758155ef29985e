import { and, asc, desc, eq, gte, isNull, lt, or, type SQL } from 'drizzle-orm';
import { CASE_STATES, type CaseState } from '$lib/case-states';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { nameKey, prefixEnd } from './names';
import { referralScope } from './scope';

export const PAGE_SIZE = 25;

export interface ListFilter {
	state?: CaseState | null;
	/** A forename or surname prefix, or "forename surname" prefixes. */
	search?: string | null;
	/** Keyset cursor from the previous page. */
	after?: string | null;
}

function decodeCursor(cursor: string | null | undefined): { at: number; id: string } | null {
	const match = /^(\d{1,15})\.([a-z0-9]{1,40})$/.exec(cursor ?? '');
	return match ? { at: Number(match[1]), id: match[2] as string } : null;
}

/** Prefix ranges over the indexed name keys: case- and accent-insensitive (DOMAIN.md §3). */
function nameFilter(search: string): SQL | undefined {
	const words = search.split(/\s+/).map(nameKey).filter(Boolean);
	if (words.length === 0) return undefined;
	const prefix = (column: typeof t.referral.forenameKey | typeof t.referral.surnameKey, word: string) => and(gte(column, word), lt(column, prefixEnd(word)));
	if (words.length === 1) {
		const word = words[0] as string;
		return or(prefix(t.referral.forenameKey, word), prefix(t.referral.surnameKey, word));
	}
	return and(prefix(t.referral.forenameKey, words[0] as string), prefix(t.referral.surnameKey, words[words.length - 1] as string));
}

/**
 * The school's cases (or the service's, for youth workers and admins), newest first, a page at a
 * time by keyset on (created, id). One audit row names the filter, never the search text.
 */
export async function listReferrals(actor: Actor, filter: ListFilter) {
	const rows = await referralListQuery(actor, filter);
	const cursor = decodeCursor(filter.after);
	await recordAudit(db(), actor, {
		action: 'referral.list',
		detail: { state: filter.state ?? null, search: Boolean(filter.search), page: cursor ? 'next' : 'first' }
	});
	const page = rows.slice(0, PAGE_SIZE);
	const last = page[page.length - 1];
	return {
		rows: page.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), submittedAt: r.submittedAt?.toISOString() ?? null })),
		next: rows.length > PAGE_SIZE && last ? `${last.createdAt.getTime()}.${last.id}` : null
	};
}

/** The list query itself (one page and one row more), also read by the query-plan test. */
export function referralListQuery(actor: Actor, filter: ListFilter) {
	const where: (SQL | undefined)[] = [referralScope(actor)];
	if (filter.state && (CASE_STATES as readonly string[]).includes(filter.state)) where.push(eq(t.referral.state, filter.state));
	if (filter.search) where.push(nameFilter(filter.search));
	const cursor = decodeCursor(filter.after);
	if (cursor) {
		where.push(or(lt(t.referral.createdAt, new Date(cursor.at)), and(eq(t.referral.createdAt, new Date(cursor.at)), lt(t.referral.id, cursor.id))));
	}
	return db()
		.select({
			id: t.referral.id,
			displayName: t.referral.displayName,
			state: t.referral.state,
			createdAt: t.referral.createdAt,
			submittedAt: t.referral.submittedAt,
			yearGroup: t.referral.yearGroup,
			schoolName: t.school.name
		})
		.from(t.referral)
		.innerJoin(t.school, eq(t.school.id, t.referral.schoolId))
		.where(and(...where))
		.orderBy(desc(t.referral.createdAt), desc(t.referral.id))
		.limit(PAGE_SIZE + 1);
}

/** New referrals awaiting triage across the service, soonest due first (the youth workers' home). */
export async function triageQueue(actor: Actor, now = new Date()) {
	if (actor.role !== 'youth_worker' && actor.role !== 'provider_admin') return [];
	const rows = await triageQueueQuery(actor);
	await recordAudit(db(), actor, { action: 'referral.list', detail: { view: 'triage-queue' } });
	return rows.map((r) => ({
		...r,
		submittedAt: r.submittedAt?.toISOString() ?? null,
		dueAt: r.dueAt.toISOString(),
		overdue: r.dueAt < now,
		minutesLeft: Math.round((r.dueAt.getTime() - now.getTime()) / 60_000)
	}));
}

export function triageQueueQuery(actor: Actor) {
	return db()
		.select({
			id: t.referral.id,
			displayName: t.referral.displayName,
			schoolName: t.school.name,
			submittedAt: t.referral.submittedAt,
			dueAt: t.caseTimer.dueAt
		})
		.from(t.caseTimer)
		.innerJoin(t.referral, eq(t.referral.id, t.caseTimer.referralId))
		.innerJoin(t.school, eq(t.school.id, t.referral.schoolId))
		.where(
			and(
				eq(t.caseTimer.serviceId, actor.serviceId),
				isNull(t.caseTimer.metAt),
				isNull(t.caseTimer.stoppedAt),
				eq(t.caseTimer.kind, 'triage'),
				eq(t.referral.serviceId, actor.serviceId),
				eq(t.referral.state, 'submitted')
			)
		)
		.orderBy(asc(t.caseTimer.dueAt))
		.limit(200);
}
