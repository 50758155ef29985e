import { asc, eq } from 'drizzle-orm';
import { ATTENDANCE_LABELS, SESSION_KIND_LABELS, type Attendance, type SessionKind } from '$lib/schemas/support-session';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { userNames } from '../triage/case';
import { endTimeOf, sessionOfService, whereOf, type SessionRow } from './common';
import { coveredTitles, titlesBySession } from './modules';

/** The register rows of a session with each young person's name and school (youth workers only). */
export async function registerRows(sessionId: string) {
	return db()
		.select({
			id: t.supportSessionAttendee.id,
			referralId: t.supportSessionAttendee.referralId,
			schoolId: t.supportSessionAttendee.schoolId,
			attendance: t.supportSessionAttendee.attendance,
			note: t.supportSessionAttendee.note,
			version: t.supportSessionAttendee.version,
			displayName: t.referral.displayName,
			schoolName: t.school.name
		})
		.from(t.supportSessionAttendee)
		.innerJoin(t.referral, eq(t.referral.id, t.supportSessionAttendee.referralId))
		.innerJoin(t.school, eq(t.school.id, t.supportSessionAttendee.schoolId))
		.where(eq(t.supportSessionAttendee.sessionId, sessionId))
		.orderBy(asc(t.referral.displayName), asc(t.supportSessionAttendee.id));
}

function details(row: SessionRow, facilitator: string, modules: string[]) {
	return {
		id: row.id,
		version: row.version,
		kind: row.kind as SessionKind,
		kindLabel: SESSION_KIND_LABELS[row.kind as SessionKind] ?? row.kind,
		date: row.date,
		startTime: row.startTime,
		endTime: endTimeOf(row),
		durationMinutes: row.durationMinutes,
		mode: row.mode,
		where: whereOf(row),
		link: row.link,
		facilitatorName: facilitator,
		modules,
		cancelledAt: row.cancelledAt?.toISOString() ?? null,
		cancelledReason: row.cancelledReason
	};
}

/**
 * A session and its register for the service's youth workers. Reading the register is a read of
 * pupil-level rows: one audit row per register row, carrying that row's school (SECURITY.md 15).
 */
export async function sessionDetail(actor: Actor, sessionId: string) {
	const row = await sessionOfService(db(), actor, sessionId);
	if (!row) return null;
	const names = await userNames(db(), [row.facilitatorId]);
	const modules = (await titlesBySession(db(), [row.id])).get(row.id) ?? [];
	const register = await registerRows(sessionId);
	await db().transaction(async (tx) => {
		await recordAudit(tx, actor, { action: 'support-session.viewed', recordType: 'support_session', recordId: sessionId, detail: { youngPeople: register.length } });
		for (const r of register) {
			await recordAudit(tx, actor, { action: 'support-session.register-viewed', recordType: 'support_session_attendee', recordId: r.id, schoolId: r.schoolId, detail: { session: sessionId, referral: r.referralId } });
		}
	});
	return {
		session: details(row, row.facilitatorId ? (names.get(row.facilitatorId) ?? 'Former user') : 'Not set', modules),
		register: register.map((r) => ({
			id: r.id,
			referralId: r.referralId,
			displayName: r.displayName || 'Referral',
			schoolName: r.schoolName,
			attendance: r.attendance as Attendance | null,
			attendanceLabel: r.attendance ? ATTENDANCE_LABELS[r.attendance as Attendance] : null,
			note: r.note ?? '',
			version: r.version
		}))
	};
}

/** The session as the edit form's values. */
export async function sessionForEdit(actor: Actor, sessionId: string) {
	const row = await sessionOfService(db(), actor, sessionId);
	if (!row) return null;
	const [year, month, day] = row.date.split('-');
	return {
		row,
		values: {
			version: row.version,
			kind: row.kind as 'group' | 'one_to_one',
			dateDay: String(Number(day)),
			dateMonth: String(Number(month)),
			dateYear: year ?? '',
			startTime: row.startTime,
			durationMinutes: String(row.durationMinutes),
			mode: row.mode as 'in_person' | 'remote',
			place: row.place ?? '',
			link: row.link ?? '',
			facilitatorId: row.facilitatorId ?? '',
			modules: await coveredTitles(db(), sessionId)
		}
	};
}
