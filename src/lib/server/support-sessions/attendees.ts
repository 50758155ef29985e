import { and, asc, count, eq, inArray, notInArray } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Queryable } from '../db';
import { recordCaseEvent } from '../referrals/events';
import { newId } from '../util/ids';
import { SESSION_READY_STATES, sessionOfService } from './common';
import { coveredTitles, storeModules } from './modules';

export type AttendeeResult = { ok: true } | { ok: false; problem: 'not-found' | 'cancelled' | 'full' | 'not-ready' | 'already' | 'recorded' };

export const ATTENDEE_MESSAGES: Record<Exclude<AttendeeResult, { ok: true }>['problem'], string> = {
	'not-found': 'Select a young person from the list',
	cancelled: 'This session is cancelled',
	full: 'A 1:1 session holds one young person',
	'not-ready': 'Only accepted cases, and cases in assessment or in the programme, can join a session',
	already: 'That young person is already in this session',
	recorded: 'Their attendance is recorded: a register row cannot be removed'
};

/** Cases of the service that could join the session: ready and not already in it. */
export async function joinableCases(q: Queryable, actor: Actor, sessionId: string) {
	const inSession = q.select({ id: t.supportSessionAttendee.referralId }).from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.sessionId, sessionId));
	return q
		.select({ id: t.referral.id, displayName: t.referral.displayName, schoolName: t.school.name })
		.from(t.referral)
		.innerJoin(t.school, eq(t.school.id, t.referral.schoolId))
		.where(and(eq(t.referral.serviceId, actor.serviceId), inArray(t.referral.state, [...SESSION_READY_STATES]), notInArray(t.referral.id, inSession)))
		.orderBy(asc(t.referral.displayName), asc(t.referral.id))
		.limit(200);
}

/**
 * Puts a young person into a session: a case of the same service, ready for sessions (common.ts).
 * The register row belongs to the pupil's school. Adding does not change the case's state.
 */
export async function addAttendee(actor: Actor, sessionId: string, referralId: string, now = new Date()): Promise<AttendeeResult> {
	return db().transaction(async (tx): Promise<AttendeeResult> => {
		const session = await sessionOfService(tx, actor, sessionId);
		if (!session) return { ok: false, problem: 'not-found' };
		if (session.cancelledAt) return { ok: false, problem: 'cancelled' };
		const [referral] = await tx
			.select()
			.from(t.referral)
			.where(and(eq(t.referral.id, referralId), eq(t.referral.serviceId, actor.serviceId)));
		if (!referral || referral.state === 'draft') return { ok: false, problem: 'not-found' };
		if (!SESSION_READY_STATES.includes(referral.state)) return { ok: false, problem: 'not-ready' };
		const [existing] = await tx
			.select({ id: t.supportSessionAttendee.id })
			.from(t.supportSessionAttendee)
			.where(and(eq(t.supportSessionAttendee.sessionId, sessionId), eq(t.supportSessionAttendee.referralId, referralId)));
		if (existing) return { ok: false, problem: 'already' };
		if (session.kind === 'one_to_one') {
			const [held] = await tx.select({ n: count() }).from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.sessionId, sessionId));
			if ((held?.n ?? 0) >= 1) return { ok: false, problem: 'full' };
		}
		const covered = await coveredTitles(tx, sessionId);
		const id = newId();
		await tx.insert(t.supportSessionAttendee).values({ id, sessionId, referralId, serviceId: referral.serviceId, schoolId: referral.schoolId, addedAt: now, addedBy: actor.userId });
		// The newcomer's own set may name the covered modules with other ids (modules.ts).
		await storeModules(tx, actor.serviceId, sessionId, covered);
		await recordCaseEvent(tx, actor, referral, { kind: 'session', section: 'added', schoolVisible: false }, now);
		await recordAudit(tx, actor, { action: 'support-session.attendee-added', recordType: 'support_session_attendee', recordId: id, schoolId: referral.schoolId, detail: { session: sessionId, referral: referralId } });
		return { ok: true };
	});
}

/** Takes a young person out of a session, unless their attendance is already recorded. */
export async function removeAttendee(actor: Actor, sessionId: string, attendeeId: string, now = new Date()): Promise<AttendeeResult> {
	return db().transaction(async (tx): Promise<AttendeeResult> => {
		const session = await sessionOfService(tx, actor, sessionId);
		if (!session) return { ok: false, problem: 'not-found' };
		const [row] = await tx
			.select()
			.from(t.supportSessionAttendee)
			.where(and(eq(t.supportSessionAttendee.id, attendeeId), eq(t.supportSessionAttendee.sessionId, sessionId), eq(t.supportSessionAttendee.serviceId, actor.serviceId)));
		if (!row) return { ok: false, problem: 'not-found' };
		if (row.attendance) return { ok: false, problem: 'recorded' };
		await tx.delete(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.id, attendeeId));
		await recordCaseEvent(tx, actor, { id: row.referralId, serviceId: row.serviceId, schoolId: row.schoolId }, { kind: 'session', section: 'removed', schoolVisible: false }, now);
		await recordAudit(tx, actor, { action: 'support-session.attendee-removed', recordType: 'support_session_attendee', recordId: attendeeId, schoolId: row.schoolId, detail: { session: sessionId, referral: row.referralId } });
		return { ok: true };
	});
}
