import { and, asc, eq, sql } from 'drizzle-orm';
import { ATTENDANCE_LABELS, type Attendance } from '$lib/schemas/support-session';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { preparedByShape, preparedQuery } from '../db/prepared';
import { isSchoolActor } from '../referrals/scope';
import { endsAtOf, endTimeOf, SESSION_READY_STATES, whereOf } from './common';
import { titlesBySession } from './modules';
import { openReviewsOf } from './reviews';

/** This case's own register rows only; a school's only for its own pupil (built once: db/prepared.ts). */
const caseSessionsPrepared = preparedByShape((q, shape: 'school' | 'service') => {
	const a = t.supportSessionAttendee;
	return q
		.select({ session: t.supportSession, attendance: a.attendance, note: a.note, schoolId: a.schoolId })
		.from(a)
		.innerJoin(t.supportSession, eq(t.supportSession.id, a.sessionId))
		.where(and(eq(a.referralId, sql.placeholder('referralId')), eq(a.serviceId, sql.placeholder('serviceId')), ...(shape === 'school' ? [eq(a.schoolId, sql.placeholder('schoolId'))] : [])))
		.orderBy(asc(t.supportSession.startsAt), asc(t.supportSession.id))
		.prepare();
});
const stateOfPrepared = preparedQuery((q) =>
	q
		.select({ state: t.referral.state })
		.from(t.referral)
		.where(and(eq(t.referral.id, sql.placeholder('referralId')), eq(t.referral.serviceId, sql.placeholder('serviceId'))))
		.prepare()
);

/**
 * The sessions of one case, for its page (DOMAIN.md §3 step 6). Youth workers see them all with the
 * young person's own attendance and any open review. The school always sees the sessions still to
 * come (it must release the pupil from lessons) as date, time and place or "Remote"; past sessions,
 * modules and attendance only with consent to share progress (DOMAIN.md §3 step 2). The query reads
 * this case's own register rows only, never anyone else's.
 */
export async function sessionsOfCase(actor: Actor, referralId: string, progressShared: boolean, now = new Date()) {
	const school = isSchoolActor(actor);
	if (!school && actor.role !== 'youth_worker') return null;
	const rows = await caseSessionsPrepared(school ? 'school' : 'service', { referralId, serviceId: actor.serviceId, schoolId: actor.schoolId ?? '' }).all();
	const shown = school && !progressShared ? rows.filter((r) => !r.session.cancelledAt && endsAtOf(r.session) > now) : rows;
	const full = !school || progressShared;
	const titles = full ? await titlesBySession(db(), shown.map((r) => r.session.id)) : new Map<string, string[]>();
	const [referral] = school ? [] : await stateOfPrepared({ referralId, serviceId: actor.serviceId }).all();
	const [first] = rows;
	if (first) await recordAudit(db(), actor, { action: 'support-session.case-sessions-viewed', recordType: 'referral', recordId: referralId, schoolId: first.schoolId, detail: { count: shown.length } });
	return {
		referralId,
		canSchedule: actor.role === 'youth_worker' && SESSION_READY_STATES.includes(referral?.state ?? ''),
		reviews: (await openReviewsOf(actor, referralId)).map((r) => ({ id: r.id, raisedAt: r.raisedAt.toISOString() })),
		sessions: shown.map(({ session, attendance, note }) => ({
			id: session.id,
			date: session.date,
			startTime: session.startTime,
			endTime: endTimeOf(session),
			where: whereOf(session),
			link: school ? null : session.link,
			upcoming: endsAtOf(session) > now,
			cancelled: session.cancelledAt !== null,
			modules: titles.get(session.id) ?? [],
			attendance: full && attendance ? ATTENDANCE_LABELS[attendance as Attendance] : null,
			note: school ? null : note
		}))
	};
}

export type CaseSessionsView = NonNullable<Awaited<ReturnType<typeof sessionsOfCase>>>;
