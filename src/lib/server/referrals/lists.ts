import { and, asc, desc, eq, gte, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { CASE_STATES, type CaseState } from '$lib/case-states';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { preparedByShape, preparedQuery } from '../db/prepared';
import { nameKey, prefixEnd } from './names';
import { preparedReferralScope, referralScopeKind, type ReferralScopeKind } from './scope';

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

/** The words of a name search, as index keys: case- and accent-insensitive (DOMAIN.md §3). */
function searchWords(search: string | null | undefined): string[] {
	return (search ?? '').split(/\s+/).map(nameKey).filter(Boolean);
}

/** A prefix range over an indexed name key, from placeholders `from<n>` and `to<n>`. */
function prefix(column: typeof t.referral.forenameKey | typeof t.referral.surnameKey, n: number): SQL | undefined {
	return and(gte(column, sql.placeholder(`from${n}`)), lt(column, sql.placeholder(`to${n}`)));
}

type ListShape = `${ReferralScopeKind} ${'any' | 'state'} ${'all' | 'one-word' | 'two-words'} ${'first' | 'next'}`;

/** The list query for one shape, built once (db/prepared.ts). One word matches either name; two, forename then surname. */
const referralListPrepared = preparedByShape((q, shape: ListShape) => {
	const [scope, state, search, page] = shape.split(' ');
	const where: (SQL | undefined)[] = [preparedReferralScope(scope as ReferralScopeKind)];
	if (state === 'state') where.push(eq(t.referral.state, sql.placeholder('state')));
	if (search === 'one-word') where.push(or(prefix(t.referral.forenameKey, 1), prefix(t.referral.surnameKey, 1)));
	if (search === 'two-words') where.push(and(prefix(t.referral.forenameKey, 1), prefix(t.referral.surnameKey, 2)));
	if (page === 'next') where.push(or(lt(t.referral.createdAt, sql.placeholder('afterAt')), and(eq(t.referral.createdAt, sql.placeholder('afterAt')), lt(t.referral.id, sql.placeholder('afterId')))));
	return q
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
		.limit(PAGE_SIZE + 1)
		.prepare();
});

/**
 * The school's cases (or the service's, for youth workers and admins), newest first, a page at a
 * time by keyset on (created, id). One audit row names the filter, never the search text.
 */
export async function listReferrals(actor: Actor, filter: ListFilter) {
	const rows = await referralListQuery(actor, filter).all();
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
	const state = filter.state && (CASE_STATES as readonly string[]).includes(filter.state) ? filter.state : null;
	const words = searchWords(filter.search);
	const first = words[0] ?? '';
	const last = words[words.length - 1] ?? '';
	const cursor = decodeCursor(filter.after);
	const shape: ListShape = `${referralScopeKind(actor)} ${state ? 'state' : 'any'} ${words.length === 0 ? 'all' : words.length === 1 ? 'one-word' : 'two-words'} ${cursor ? 'next' : 'first'}`;
	return referralListPrepared(shape, {
		serviceId: actor.serviceId,
		schoolId: actor.schoolId ?? '',
		state,
		from1: first,
		to1: prefixEnd(first),
		from2: last,
		to2: prefixEnd(last),
		afterAt: cursor?.at ?? 0,
		afterId: cursor?.id ?? ''
	});
}

/** New referrals awaiting triage across the service, soonest due first (the youth workers' home). */
export async function triageQueue(actor: Actor, now = new Date()) {
	if (actor.role !== 'youth_worker' && actor.role !== 'provider_admin') return [];
	const rows = await triageQueueQuery(actor).all();
	await recordAudit(db(), actor, { action: 'referral.list', detail: { view: 'triage-queue' } });
	return rows.map((r) => ({
		...r,
		submittedAt: r.submittedAt?.toISOString() ?? null,
		dueAt: r.dueAt.toISOString(),
		overdue: r.dueAt < now,
		minutesLeft: Math.round((r.dueAt.getTime() - now.getTime()) / 60_000)
	}));
}

const triageQueuePrepared = preparedQuery((q) =>
	q
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
				eq(t.caseTimer.serviceId, sql.placeholder('serviceId')),
				isNull(t.caseTimer.metAt),
				isNull(t.caseTimer.stoppedAt),
				eq(t.caseTimer.kind, 'triage'),
				eq(t.referral.serviceId, sql.placeholder('serviceId')),
				eq(t.referral.state, 'submitted')
			)
		)
		.orderBy(asc(t.caseTimer.dueAt))
		.limit(200)
		.prepare()
);

export function triageQueueQuery(actor: Actor) {
	return triageQueuePrepared({ serviceId: actor.serviceId });
}
