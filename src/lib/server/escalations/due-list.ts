import { and, asc, eq, gt, isNull, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { preparedByShape } from '../db/prepared';
import { agencyLabel } from './view';
import { TIMER_LABELS } from './timers';

export const DUE_PAGE_SIZE = 50;

export interface DueFilter {
	/** Only cases the actor leads, and escalations they made. */
	mine?: boolean;
	/** Keyset cursor from the previous page: `${dueAt ms}.${timer id}`. */
	after?: string | null;
}

function decodeCursor(cursor: string | null | undefined): { at: number; id: string } | null {
	const match = /^(\d{1,15})\.([a-z0-9]{1,40})$/.exec(cursor ?? '');
	return match ? { at: Number(match[1]), id: match[2] as string } : null;
}

/** The lead youth worker named by the case's latest decided triage round (DOMAIN.md §3 step 3). */
const LEAD_IS_ME = sql`exists (select 1 from ${t.triage} tr where tr.referral_id = ${t.caseTimer.referralId} and tr.decided_at is not null and tr.lead_youth_worker_id = ${sql.placeholder('userId')}
		and tr.round = (select max(tr2.round) from ${t.triage} tr2 where tr2.referral_id = ${t.caseTimer.referralId} and tr2.decided_at is not null))`;

/** The timer belongs to an escalation this person recorded. */
const MADE_BY_ME = sql`exists (select 1 from ${t.escalation} e where e.id = ${t.caseTimer.subjectId} and e.created_by = ${sql.placeholder('userId')})`;

type DueShape = `${'all' | 'mine'} ${'first' | 'next'}`;

/**
 * Every open timer of the actor's service, soonest due first, a page at a time by keyset on (due, id).
 * It walks the case_timer_open index (service, met, stopped, due, id); "mine" filters on the way. Built once per
 * shape (db/prepared.ts).
 */
const dueListPrepared = preparedByShape((q, shape: DueShape) => {
	const where: (SQL | undefined)[] = [eq(t.caseTimer.serviceId, sql.placeholder('serviceId')), isNull(t.caseTimer.metAt), isNull(t.caseTimer.stoppedAt)];
	if (shape.startsWith('mine')) where.push(or(LEAD_IS_ME, MADE_BY_ME));
	if (shape.endsWith('next')) where.push(or(gt(t.caseTimer.dueAt, sql.placeholder('afterAt')), and(eq(t.caseTimer.dueAt, sql.placeholder('afterAt')), gt(t.caseTimer.id, sql.placeholder('afterId')))));
	return q
		.select({
			id: t.caseTimer.id,
			kind: t.caseTimer.kind,
			dueAt: t.caseTimer.dueAt,
			referralId: t.referral.id,
			displayName: t.referral.displayName,
			schoolName: t.school.name,
			agency: sql<string | null>`(select e.agency from ${t.escalation} e where e.id = ${t.caseTimer.subjectId})`
		})
		.from(t.caseTimer)
		.innerJoin(t.referral, eq(t.referral.id, t.caseTimer.referralId))
		.innerJoin(t.school, eq(t.school.id, t.referral.schoolId))
		.where(and(...where))
		.orderBy(asc(t.caseTimer.dueAt), asc(t.caseTimer.id))
		.limit(DUE_PAGE_SIZE + 1)
		.prepare();
});

export function dueListQuery(actor: Actor, filter: DueFilter) {
	const cursor = decodeCursor(filter.after);
	return dueListPrepared(`${filter.mine ? 'mine' : 'all'} ${cursor ? 'next' : 'first'}`, { serviceId: actor.serviceId, userId: actor.userId, afterAt: cursor?.at ?? 0, afterId: cursor?.id ?? '' });
}

/** What is due and overdue across the service (issue 5): one audit row naming the filter. */
export async function listDue(actor: Actor, filter: DueFilter, now = new Date()) {
	const rows = await dueListQuery(actor, filter).all();
	await recordAudit(db(), actor, { action: 'timers.due-list', detail: { mine: Boolean(filter.mine), page: decodeCursor(filter.after) ? 'next' : 'first' } });
	const page = rows.slice(0, DUE_PAGE_SIZE);
	const last = page[page.length - 1];
	return {
		rows: page.map((r) => ({
			id: r.id,
			referralId: r.referralId,
			displayName: r.displayName,
			schoolName: r.schoolName,
			label: TIMER_LABELS[r.kind] ?? r.kind,
			agencyLabel: r.agency ? agencyLabel(r.agency) : null,
			dueAt: r.dueAt.toISOString(),
			overdue: r.dueAt < now,
			minutesLeft: Math.round((r.dueAt.getTime() - now.getTime()) / 60_000)
		})),
		next: rows.length > DUE_PAGE_SIZE && last ? `${last.dueAt.getTime()}.${last.id}` : null
	};
}

export type DueList = Awaited<ReturnType<typeof listDue>>;
