import { asc, eq } from 'drizzle-orm';
import { ATTENDANCE_LABELS, REVIEW_DECISION_LABELS, SESSION_KIND_LABELS } from '$lib/schemas/support-session';
import { FOLLOW_UP_ANSWERS, SCHOOL_QUESTIONS } from '$lib/schemas/follow-up';
import { YES_NO_NOT_KNOWN } from '$lib/schemas/onward-referral';
import { t, type Queryable } from '../db';
import type { Names } from './case-parts';
import { day, fields, label, when } from './format';
import type { Part } from './types';

/**
 * The programme part of a referral's record. Sessions are read through this referral's own register
 * rows, and show that row only: never who else was there (DOMAIN.md §7: their own attendance, never
 * the rest of a register).
 */
export async function programmeParts(q: Queryable, referralId: string, name: Names): Promise<Part[]> {
	const attended = await q
		.select({ attendee: t.supportSessionAttendee, session: t.supportSession })
		.from(t.supportSessionAttendee)
		.innerJoin(t.supportSession, eq(t.supportSession.id, t.supportSessionAttendee.sessionId))
		.where(eq(t.supportSessionAttendee.referralId, referralId))
		.orderBy(asc(t.supportSession.startsAt));
	const reviews = await q.select().from(t.caseReview).where(eq(t.caseReview.referralId, referralId)).orderBy(asc(t.caseReview.raisedAt));
	const certificates = await q.select().from(t.certificate).where(eq(t.certificate.referralId, referralId)).orderBy(asc(t.certificate.issuedAt));
	const onward = await q.select().from(t.onwardReferral).where(eq(t.onwardReferral.referralId, referralId)).orderBy(asc(t.onwardReferral.createdAt));
	return [
		{
			title: 'Sessions (this young person’s attendance only)',
			entries: attended.map(({ attendee: a, session: s }) =>
				fields([
					['Date', day(s.date)],
					['Time', s.startTime],
					['Length', `${s.durationMinutes} minutes`],
					['Kind', label(SESSION_KIND_LABELS, s.kind)],
					['Where', s.mode === 'remote' ? 'Remote' : s.place],
					['Cancelled', s.cancelledAt ? when(s.cancelledAt) : ''],
					['Attendance', label(ATTENDANCE_LABELS, a.attendance)],
					['Register note', a.note],
					['Recorded by', a.recordedBy ? name(a.recordedBy) : '']
				])
			)
		},
		{
			title: 'Reviews',
			entries: reviews.map((r) =>
				fields([
					['Why', r.reason === 'absences' ? 'Two sessions missed without an excuse' : r.reason],
					['Raised', when(r.raisedAt)],
					['Decision', label(REVIEW_DECISION_LABELS, r.decision)],
					['Note', r.note],
					['Decided', when(r.decidedAt)],
					['Decided by', r.decidedBy ? name(r.decidedBy) : '']
				])
			)
		},
		{
			title: 'Certificates',
			entries: certificates.map((c) =>
				fields([
					['Name printed', c.name],
					['Completed on', day(c.completedOn)],
					['Verification code', c.verificationCode],
					['Issued', when(c.issuedAt)],
					['Issued by', name(c.issuedBy)],
					['Revoked', when(c.revokedAt)],
					['Why revoked', c.revokedReason]
				])
			)
		},
		{
			title: 'Onward referrals',
			entries: onward.map((o) =>
				fields([
					['Service', o.toService],
					['Referred on', day(o.referredOn)],
					['Accepted', label(YES_NO_NOT_KNOWN, o.accepted)],
					['Taken up', label(YES_NO_NOT_KNOWN, o.takenUp)],
					['Note', o.note]
				])
			)
		}
	];
}

export async function followUpParts(q: Queryable, referralId: string, name: Names): Promise<Part[]> {
	const rows = await q.select().from(t.followUp).where(eq(t.followUp.referralId, referralId)).orderBy(asc(t.followUp.months));
	const answer = (value: string | null) => label(FOLLOW_UP_ANSWERS, value);
	return [
		{
			title: 'Follow-ups',
			entries: rows.map((f) =>
				fields([
					['Follow-up', `${f.months} months`],
					['Due', day(f.dueOn)],
					['School asked', when(f.promptedAt)],
					['Reminder sent', when(f.chasedAt)],
					['Closed as not returned', when(f.notReturnedAt)],
					['Recorded', when(f.recordedAt)],
					['Recorded by', f.recordedBy ? name(f.recordedBy) : ''],
					...SCHOOL_QUESTIONS.map((question): [string, string] => [question.legend, answer(f[question.key])]),
					['Police contact the provider was told of', answer(f.providerPoliceContact)],
					['About that police contact', f.providerPoliceNote],
					['Note', f.note]
				])
			)
		}
	];
}
