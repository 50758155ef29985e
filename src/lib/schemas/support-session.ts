import { z } from 'zod';
import { checkDateFields, choice, dateParts, optional } from './fields';

/** Programme sessions (DOMAIN.md §3 step 6): safe for the browser. */
export const SESSION_KINDS = [
	{ value: 'group', label: 'Group session', hint: 'Young people from several schools can join.' },
	{ value: 'one_to_one', label: '1:1 session', hint: 'One young person.' }
] as const;
export const SESSION_MODES = [
	{ value: 'in_person', label: 'In person' },
	{ value: 'remote', label: 'Remote' }
] as const;
export const ATTENDANCE = [
	{ value: 'present', label: 'Present' },
	{ value: 'late', label: 'Late' },
	{ value: 'absent', label: 'Absent' },
	{ value: 'excused', label: 'Excused' }
] as const;
export type SessionKind = (typeof SESSION_KINDS)[number]['value'];
export type SessionMode = (typeof SESSION_MODES)[number]['value'];
export type Attendance = (typeof ATTENDANCE)[number]['value'];
export const ATTENDANCE_VALUES = ATTENDANCE.map((a) => a.value) as [Attendance, ...Attendance[]];
export const ATTENDANCE_LABELS: Record<Attendance, string> = { present: 'Present', late: 'Late', absent: 'Absent', excused: 'Excused' };
export const SESSION_KIND_LABELS: Record<SessionKind, string> = { group: 'Group', one_to_one: '1:1' };

export const PLACE_MAX = 200;
export const LINK_MAX = 500;
export const NOTE_MAX = 500;
export const REASON_MAX = 1000;
export const MODULE_TITLE_MAX = 200;
export const DURATION_MIN = 15;
export const DURATION_MAX = 480;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Whether a remote link is one a young person can safely open: https only. */
export function isHttpsLink(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'https:' && url.hostname.length > 0;
	} catch {
		return false;
	}
}

/** "9:5" and "9:05" read as "09:05"; anything else is returned as typed, for the check to refuse. */
export function normaliseTime(value: string): string {
	const match = /^(\d{1,2})[:.](\d{2})$/.exec(value.trim());
	return match ? `${match[1]?.padStart(2, '0')}:${match[2]}` : value.trim();
}

/** Scheduling or changing a session. Module checkboxes carry module titles (see modules.ts). */
export const sessionSchema = z
	.object({
		version: z.number().int().min(0).default(0),
		kind: choice(['group', 'one_to_one']),
		...dateParts('date'),
		startTime: optional(5, 'Start time'),
		durationMinutes: optional(4, 'Duration'),
		mode: choice(['in_person', 'remote']),
		place: optional(PLACE_MAX, 'Place'),
		link: optional(LINK_MAX, 'Link'),
		facilitatorId: optional(40, 'Facilitator'),
		/** Scheduling from a case (a 1:1 after a review, say): the young person to put in the session. */
		forReferral: optional(40, 'Case'),
		modules: z.array(z.string().trim().max(MODULE_TITLE_MAX, `A module title must be ${MODULE_TITLE_MAX} characters or fewer`)).max(30, 'Select up to 30 modules').default([])
	})
	.superRefine((v, ctx) => {
		const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
		if (!v.kind) need('kind', 'Select whether it is a group or a 1:1 session');
		checkDateFields(v, 'date', 'date of the session', ctx);
		const time = normaliseTime(v.startTime);
		if (!time) need('startTime', 'Enter the start time, like 14:30');
		else if (!TIME.test(time)) need('startTime', 'Enter the start time in 24-hour format, like 14:30');
		const minutes = Number(v.durationMinutes);
		if (!v.durationMinutes) need('durationMinutes', 'Enter how long the session lasts, in minutes');
		else if (!/^\d+$/.test(v.durationMinutes) || minutes < DURATION_MIN || minutes > DURATION_MAX) need('durationMinutes', `The duration must be a whole number of minutes from ${DURATION_MIN} to ${DURATION_MAX}`);
		if (!v.mode) need('mode', 'Select whether the session is in person or remote');
		if (v.mode === 'in_person' && !v.place) need('place', 'Enter where the session takes place');
		if (v.mode === 'remote' && !v.link) need('link', 'Enter the link to join the session');
		else if (v.mode === 'remote' && !isHttpsLink(v.link)) need('link', 'Enter a link that starts with https://');
		if (!v.facilitatorId) need('facilitatorId', 'Select who facilitates the session');
	});
export type SessionInput = z.infer<typeof sessionSchema>;

export const cancelSessionSchema = z.object({
	version: z.number().int().min(1, 'Reload the page and try again'),
	reason: z.string().trim().min(1, 'Enter why the session is cancelled').max(REASON_MAX, `The reason must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer`)
});

/** A review after missed sessions (DOMAIN.md §3 step 6). */
export const REVIEW_DECISIONS = [
	{ value: 'continue', label: 'Continue in the programme', hint: 'The young person stays in their sessions.' },
	{ value: 'one_to_one', label: 'Move to 1:1 sessions', hint: 'You can schedule a 1:1 session next.' },
	{ value: 'close_did_not_engage', label: 'Close as did not engage', hint: 'You then record the outcome.' }
] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number]['value'];
export const REVIEW_DECISION_LABELS: Record<ReviewDecision, string> = { continue: 'Continue', one_to_one: 'Move to 1:1', close_did_not_engage: 'Close as did not engage' };

export const reviewDecisionSchema = z
	.object({
		decision: choice(['continue', 'one_to_one', 'close_did_not_engage']),
		note: optional(REASON_MAX, 'The note')
	})
	.superRefine((v, ctx) => {
		if (!v.decision) ctx.addIssue({ code: 'custom', path: ['decision'], message: 'Select what happens next' });
		if (!v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Enter a note saying why' });
	});
