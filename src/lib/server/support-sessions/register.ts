import { and, eq } from 'drizzle-orm';
import { ATTENDANCE_VALUES, NOTE_MAX, type Attendance } from '$lib/schemas/support-session';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { fieldText } from '../http/form-body';
import { recordCaseEvent } from '../referrals/events';
import { sessionOfService } from './common';
import { raiseAbsenceReviewIfDue } from './reviews';

/** One register row as posted: the row, the version the form showed, the mark and an optional note. */
export interface RegisterEntry {
	attendeeId: string;
	version: number;
	attendance: string;
	note: string;
}

export type RegisterResult =
	| { ok: true; reviewsRaised: number }
	| { ok: false; problem: 'not-found' | 'cancelled' | 'stale' }
	| { ok: false; problem: 'invalid'; errors: Record<string, string> };

export const REGISTER_STALE = 'Someone else changed the register while you were taking it. It now shows their marks; take it again';

class Stale extends Error {}

/** The register form's field names for one row. */
export const registerField = (attendeeId: string) => ({ attendance: `attendance-${attendeeId}`, note: `note-${attendeeId}`, version: `version-${attendeeId}` });

/** Reads the register form: one entry per row id the session holds. */
export function readRegisterForm(form: FormData, attendeeIds: string[]): RegisterEntry[] {
	return attendeeIds.map((attendeeId) => {
		const names = registerField(attendeeId);
		return {
			attendeeId,
			version: Number(form.get(names.version) ?? 0) || 0,
			attendance: fieldText(form, names.attendance),
			note: fieldText(form, names.note)
		};
	});
}

function problemsOf(entries: RegisterEntry[], names: Map<string, string>): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const entry of entries) {
		const field = registerField(entry.attendeeId);
		if (!(ATTENDANCE_VALUES as string[]).includes(entry.attendance)) errors[field.attendance] = `Select whether ${names.get(entry.attendeeId) ?? 'the young person'} was present, late, absent or excused`;
		if (entry.note.trim().length > NOTE_MAX) errors[field.note] = `The note must be ${NOTE_MAX} characters or fewer`;
	}
	return errors;
}

/**
 * Takes (or corrects) the register (DOMAIN.md §3 step 6). Every row needs a mark. Each changed row is
 * written only if nobody changed it since the form was shown (SECURITY.md 20), with an audit row
 * carrying the row's school and a chronology entry on the case that the school sees only with
 * consent to share progress. Two unexcused absences raise a review (reviews.ts).
 */
export async function takeRegister(actor: Actor, sessionId: string, entries: RegisterEntry[], now = new Date()): Promise<RegisterResult> {
	try {
		return await db().transaction(async (tx): Promise<RegisterResult> => {
			const session = await sessionOfService(tx, actor, sessionId);
			if (!session) return { ok: false, problem: 'not-found' };
			if (session.cancelledAt) return { ok: false, problem: 'cancelled' };
			const rows = await tx
				.select({ row: t.supportSessionAttendee, displayName: t.referral.displayName })
				.from(t.supportSessionAttendee)
				.innerJoin(t.referral, eq(t.referral.id, t.supportSessionAttendee.referralId))
				.where(eq(t.supportSessionAttendee.sessionId, sessionId))
				.then((found) => found.map((f) => ({ ...f.row, displayName: f.displayName })));
			if (rows.length !== entries.length) throw new Stale();
			const errors = problemsOf(entries, new Map(rows.map((r) => [r.id, r.displayName || 'the young person'])));
			if (Object.keys(errors).length > 0) return { ok: false, problem: 'invalid', errors };
			let reviewsRaised = 0;
			for (const row of rows) {
				const entry = entries.find((e) => e.attendeeId === row.id);
				if (!entry || entry.version !== row.version) throw new Stale();
				const attendance = entry.attendance as Attendance;
				const note = entry.note.trim() || null;
				if (row.attendance === attendance && row.note === note) continue;
				const updated = await tx
					.update(t.supportSessionAttendee)
					.set({ attendance, note, recordedAt: now, recordedBy: actor.userId, version: row.version + 1 })
					.where(and(eq(t.supportSessionAttendee.id, row.id), eq(t.supportSessionAttendee.version, row.version)))
					.returning({ id: t.supportSessionAttendee.id });
				if (updated.length !== 1) throw new Stale();
				const referral = { id: row.referralId, serviceId: row.serviceId, schoolId: row.schoolId };
				await recordCaseEvent(tx, actor, referral, { kind: 'attendance', section: attendance, fromState: row.attendance, reason: note, schoolVisible: true }, now);
				await recordAudit(tx, actor, {
					action: 'support-session.attendance-recorded',
					recordType: 'support_session_attendee',
					recordId: row.id,
					schoolId: row.schoolId,
					detail: { session: sessionId, referral: row.referralId, attendance, corrected: row.attendance !== null }
				});
				if (attendance === 'absent' && (await raiseAbsenceReviewIfDue(tx, actor, referral, now))) reviewsRaised += 1;
			}
			return { ok: true, reviewsRaised };
		});
	} catch (e) {
		if (e instanceof Stale) return { ok: false, problem: 'stale' };
		throw e;
	}
}
