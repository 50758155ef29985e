import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { isSchoolActor } from '../referrals/scope';
import { getSetting } from '../settings/settings';
import { endsAtOf, sessionOfService, whereOf, type SessionRow } from './common';
import { buildCalendar } from './ics';

/** A session a DSL may download: one that holds a pupil of their own school. */
async function sessionOfSchool(actor: Actor, sessionId: string): Promise<SessionRow | null> {
	const [row] = await db()
		.select({ session: t.supportSession })
		.from(t.supportSessionAttendee)
		.innerJoin(t.supportSession, eq(t.supportSession.id, t.supportSessionAttendee.sessionId))
		.where(
			and(
				eq(t.supportSessionAttendee.sessionId, sessionId),
				eq(t.supportSessionAttendee.schoolId, actor.schoolId ?? ''),
				eq(t.supportSessionAttendee.serviceId, actor.serviceId),
				eq(t.supportSession.serviceId, actor.serviceId)
			)
		)
		.limit(1);
	return row?.session ?? null;
}

/**
 * The session as an .ics file, or null when it is outside the actor's scope. It never names a young
 * person (DOMAIN.md §7): the title is the programme's, the place is the place or "Remote". Youth
 * workers also get the joining link; a school does not.
 */
export async function sessionCalendar(actor: Actor, sessionId: string): Promise<string | null> {
	const school = isSchoolActor(actor);
	const row = school ? await sessionOfSchool(actor, sessionId) : await sessionOfService(db(), actor, sessionId);
	if (!row) return null;
	const programmeName = await getSetting(db(), actor.serviceId, 'programmeName');
	const link = !school && row.mode === 'remote' ? row.link : null;
	await recordAudit(db(), actor, { action: 'support-session.calendar-downloaded', recordType: 'support_session', recordId: sessionId, schoolId: school ? actor.schoolId : null });
	return buildCalendar({
		uid: `${row.id}@divert-for-schools`,
		title: `${programmeName} session`,
		startsAt: row.startsAt,
		endsAt: endsAtOf(row),
		location: whereOf(row),
		description: link ? `Join online: ${link}` : null,
		url: link,
		sequence: row.version - 1,
		stamp: row.updatedAt,
		cancelled: row.cancelledAt !== null
	});
}
