import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { DURATION_MAX, SESSION_KIND_LABELS, type SessionKind } from '$lib/schemas/support-session';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { preparedQuery } from '../db/prepared';
import { isSchoolActor } from '../referrals/scope';
import { userNames } from '../triage/case';
import { endsAtOf, endTimeOf, SESSION_READY_STATES, whereOf } from './common';

export const PAGE_SIZE = 25;

export interface SessionListFilter {
	when: 'upcoming' | 'past';
	mine: boolean;
	/** Keyset cursor: "<startsAt ms>.<id>" of the last row shown. */
	after: string | null;
}

function cursorOf(value: string | null): { at: Date; id: string } | null {
	const match = /^(\d{1,15})\.([A-Za-z0-9_-]{1,40})$/.exec(value ?? '');
	return match ? { at: new Date(Number(match[1])), id: match[2] ?? '' } : null;
}

/**
 * The service's sessions for youth workers (DOMAIN.md §3 step 6): upcoming soonest first, or past
 * latest first, optionally only those the actor facilitates; keyset-paginated. No pupil is named
 * here. One audit row names the filter (SECURITY.md 15).
 */
export async function listSessions(actor: Actor, filter: SessionListFilter, now = new Date()) {
	if (actor.role !== 'youth_worker') return { rows: [], next: null };
	const s = t.supportSession;
	const upcoming = filter.when === 'upcoming';
	const where: SQL[] = [eq(s.serviceId, actor.serviceId), upcoming ? gte(s.startsAt, now) : lt(s.startsAt, now)];
	if (filter.mine) where.push(eq(s.facilitatorId, actor.userId));
	const cursor = cursorOf(filter.after);
	if (cursor) {
		const beyond = upcoming ? or(gt(s.startsAt, cursor.at), and(eq(s.startsAt, cursor.at), gt(s.id, cursor.id))) : or(lt(s.startsAt, cursor.at), and(eq(s.startsAt, cursor.at), lt(s.id, cursor.id)));
		if (beyond) where.push(beyond);
	}
	const rows = await db()
		.select()
		.from(s)
		.where(and(...where))
		.orderBy(upcoming ? asc(s.startsAt) : desc(s.startsAt), upcoming ? asc(s.id) : desc(s.id))
		.limit(PAGE_SIZE + 1);
	const page = rows.slice(0, PAGE_SIZE);
	const ids = page.map((r) => r.id);
	const counts = new Map(
		ids.length
			? (
					await db()
						.select({ id: t.supportSessionAttendee.sessionId, n: count() })
						.from(t.supportSessionAttendee)
						.where(inArray(t.supportSessionAttendee.sessionId, ids))
						.groupBy(t.supportSessionAttendee.sessionId)
				).map((r) => [r.id, r.n])
			: []
	);
	const names = await userNames(db(), page.map((r) => r.facilitatorId));
	await recordAudit(db(), actor, { action: 'support-session.list', detail: { when: filter.when, mine: filter.mine, count: page.length } });
	const last = page.at(-1);
	return {
		rows: page.map((r) => ({
			id: r.id,
			date: r.date,
			startTime: r.startTime,
			endTime: endTimeOf(r),
			kindLabel: SESSION_KIND_LABELS[r.kind as SessionKind] ?? r.kind,
			where: whereOf(r),
			facilitatorName: r.facilitatorId ? (names.get(r.facilitatorId) ?? 'Former user') : 'Not set',
			youngPeople: counts.get(r.id) ?? 0,
			cancelled: r.cancelledAt !== null
		})),
		next: rows.length > PAGE_SIZE && last ? `${last.startsAt.getTime()}.${last.id}` : null
	};
}

const upcomingPrepared = preparedQuery((q) => {
	const a = t.supportSessionAttendee;
	const s = t.supportSession;
	return q
		.select({ sessionId: s.id, date: s.date, startTime: s.startTime, startsAt: s.startsAt, durationMinutes: s.durationMinutes, mode: s.mode, place: s.place, referralId: t.referral.id, displayName: t.referral.displayName })
		.from(a)
		.innerJoin(s, eq(s.id, a.sessionId))
		.innerJoin(t.referral, eq(t.referral.id, a.referralId))
		.where(
			and(
				eq(a.schoolId, sql.placeholder('schoolId')),
				eq(a.serviceId, sql.placeholder('serviceId')),
				eq(t.referral.schoolId, sql.placeholder('schoolId')),
				eq(s.serviceId, sql.placeholder('serviceId')),
				isNull(s.cancelledAt),
				// Sessions that may still be running: started no longer ago than the longest session lasts.
				gte(s.startsAt, sql.placeholder('from')),
				inArray(t.referral.state, [...SESSION_READY_STATES])
			)
		)
		.orderBy(asc(s.startsAt), asc(s.id))
		.limit(100)
		.prepare();
});

/**
 * A DSL's pupils' sessions still to come (DOMAIN.md §3 step 6: so they can release them from
 * lessons): date, time, place or "Remote", and their own pupil's name. The query reads only the
 * register rows of the actor's school, so another school's pupil in the same group never appears.
 */
export async function upcomingForSchool(actor: Actor, now = new Date()) {
	if (!isSchoolActor(actor) || !actor.schoolId) return [];
	const rows = await upcomingPrepared({ schoolId: actor.schoolId, serviceId: actor.serviceId, from: now.getTime() - DURATION_MAX * 60_000 }).all();
	const upcoming = rows.filter((r) => endsAtOf(r) > now);
	await recordAudit(db(), actor, { action: 'support-session.upcoming-list', schoolId: actor.schoolId, detail: { filter: 'upcoming', count: upcoming.length } });
	return upcoming.map((r) => ({
		sessionId: r.sessionId,
		referralId: r.referralId,
		displayName: r.displayName || 'Referral',
		date: r.date,
		startTime: r.startTime,
		endTime: endTimeOf(r),
		where: whereOf(r)
	}));
}
