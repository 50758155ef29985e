import { and, asc, eq, gt, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { preparedQuery } from '../db/prepared';
import { FOLLOW_UP_STATUS, statusOf } from './view';

const f = t.followUp;
const open = and(isNotNull(f.promptedAt), isNull(f.recordedAt), isNull(f.notReturnedAt));

const toRecordPrepared = preparedQuery((q) =>
	q
		.select({ referralId: f.referralId, months: f.months, dueOn: f.dueOn, chasedAt: f.chasedAt, displayName: t.referral.displayName })
		.from(f)
		.innerJoin(t.referral, eq(t.referral.id, f.referralId))
		.where(and(eq(f.serviceId, sql.placeholder('serviceId')), eq(f.schoolId, sql.placeholder('schoolId')), open))
		.orderBy(asc(f.dueAt), asc(f.id))
		.limit(100)
		.prepare()
);

/**
 * The school's follow-ups waiting to be recorded, soonest due first (the DSL's home page). Only the
 * actor's own school; the home page's list audit row covers the read.
 */
export async function followUpsToRecord(actor: Actor) {
	if (actor.role !== 'dsl' && actor.role !== 'deputy_dsl') return [];
	const rows = await followUpsToRecordQuery(actor).all();
	return rows.map((r) => ({ referralId: r.referralId, months: r.months, dueOn: r.dueOn, chased: r.chasedAt !== null, displayName: r.displayName }));
}

/** The query itself, also read by the query-plan test. */
export function followUpsToRecordQuery(actor: Actor) {
	return toRecordPrepared({ serviceId: actor.serviceId, schoolId: actor.schoolId ?? '' });
}

export const FOLLOW_UP_FILTERS = [
	{ value: '', label: 'Due, chased and not returned' },
	{ value: 'due', label: 'Due' },
	{ value: 'chased', label: 'Chased' },
	{ value: 'not_returned', label: 'Not returned' }
] as const;
export type FollowUpFilterStatus = (typeof FOLLOW_UP_FILTERS)[number]['value'];

export interface ServiceFollowUpFilter {
	status: FollowUpFilterStatus;
	schoolId: string | null;
	/** Keyset cursor from the previous page: `${dueAt ms}.${id}`. */
	after: string | null;
}

export const FOLLOW_UP_PAGE_SIZE = 50;

function decodeCursor(cursor: string | null): { at: number; id: string } | null {
	const match = /^(\d{1,15})\.([A-Za-z0-9_-]{1,40})$/.exec(cursor ?? '');
	return match ? { at: Number(match[1]), id: match[2] as string } : null;
}

const STATUS_WHERE: Record<FollowUpFilterStatus, SQL | undefined> = {
	'': and(isNotNull(f.promptedAt), isNull(f.recordedAt)),
	due: and(open, isNull(f.chasedAt)),
	chased: and(open, isNotNull(f.chasedAt)),
	not_returned: isNotNull(f.notReturnedAt)
};

/**
 * Follow-ups across the service that are due, chased or not returned (the provider's list), soonest
 * due first, a page at a time; one audit row naming the filter.
 */
export async function serviceFollowUps(actor: Actor, filter: ServiceFollowUpFilter) {
	const where: (SQL | undefined)[] = [eq(f.serviceId, actor.serviceId), STATUS_WHERE[filter.status]];
	if (filter.schoolId) where.push(eq(f.schoolId, filter.schoolId));
	const cursor = decodeCursor(filter.after);
	if (cursor) where.push(or(gt(f.dueAt, new Date(cursor.at)), and(eq(f.dueAt, new Date(cursor.at)), gt(f.id, cursor.id))));
	const rows = await db()
		.select({ followUp: f, displayName: t.referral.displayName, schoolName: t.school.name })
		.from(f)
		.innerJoin(t.referral, eq(t.referral.id, f.referralId))
		.innerJoin(t.school, eq(t.school.id, f.schoolId))
		.where(and(...where))
		.orderBy(asc(f.dueAt), asc(f.id))
		.limit(FOLLOW_UP_PAGE_SIZE + 1);
	await recordAudit(db(), actor, { action: 'follow-up.list', detail: { status: filter.status || 'all', school: filter.schoolId, page: cursor ? 'next' : 'first' } });
	const schools = await db().select({ id: t.school.id, name: t.school.name }).from(t.school).where(eq(t.school.serviceId, actor.serviceId)).orderBy(asc(t.school.name));
	const page = rows.slice(0, FOLLOW_UP_PAGE_SIZE);
	const last = page[page.length - 1]?.followUp;
	return {
		schools,
		rows: page.map(({ followUp, displayName, schoolName }) => {
			const status = statusOf(followUp);
			return { referralId: followUp.referralId, months: followUp.months, dueOn: followUp.dueOn, displayName, schoolName, statusLabel: FOLLOW_UP_STATUS[status].label, statusTag: FOLLOW_UP_STATUS[status].tag };
		}),
		next: rows.length > FOLLOW_UP_PAGE_SIZE && last ? `${last.dueAt.getTime()}.${last.id}` : null
	};
}
