import type { GoalRating, Outcome } from '$lib/outcomes';
import type { Attendance } from '$lib/schemas/support-session';
import type { SchoolDecision } from '$lib/schemas/triage';
import type { Actor } from '../auth/actor';
import { addDays, at, dateFields, londonDate, weekdayOnOrBefore } from './clock';
import type { FollowUpAnswer } from './follow-ups';
import { actorOf, createDemoReferral, type DemoReferral } from './referrals';
import type { DemoWorld } from './seed';
import { assess, certify, fallback, join, onward, outcome, register, review, revoke, session, triage, type TriageChoice } from './steps';

/**
 * One demo case carried as far along the path as its plan goes and no further than "now": anything
 * planned for later (a session next week, an outcome after it) is left for the app to do. Every step
 * happens at its own planned time, so timers, chronology and statistics read as they would have.
 */
export interface Crew {
	youthWorker: Actor;
	senior: Actor;
	dsl: (school: string) => Actor;
}

export function crewOf(world: DemoWorld): Crew {
	const serviceId = world.services.north;
	const youthWorker = { ...actorOf(world, 'youthworker@example.org', 'youth_worker', serviceId, ''), schoolId: null };
	const senior = { ...actorOf(world, 'senior.youthworker@example.org', 'youth_worker', serviceId, ''), schoolId: null, senior: true };
	const dsl = (school: string) => actorOf(world, `dsl.${school}@example.org`, 'dsl', serviceId, world.schools[school] ?? '');
	return { youthWorker, senior, dsl };
}

export interface CaseEnding {
	/** None for a case found not suitable at triage, which ends with the school's decision alone. */
	outcome?: Outcome;
	on: string;
	ratings: GoalRating[];
	reason?: string;
	/** For "did not engage": the open review is first decided as closing the case, with this note. */
	closeReview?: string;
	/** The name printed on the certificate (completed only). */
	certificate?: string;
	/** Revoked this many days after issue, and issued again with the corrected name. */
	revokeAndReissue?: { afterDays: number; reason: string; name: string };
	/** What the school then decided, recorded by its DSL this many days after the outcome. */
	fallback?: { decision: SchoolDecision; days: number | null; note: string; afterDays: number };
}

export interface CasePlan {
	entry: Omit<DemoReferral, 'state' | 'dsl'>;
	pupil: { forename: string; surname: string };
	submittedOn: string;
	triage: TriageChoice;
	/** Days after submission that the assessment was completed (or only drafted). */
	assessedAfterDays?: number;
	draftOnly?: boolean;
	goals?: number;
	onward?: { toService: string; afterDays: number; accepted: 'yes' | 'no' | 'not_known'; takenUp: 'yes' | 'no' | 'not_known' };
	ending?: CaseEnding;
	followUp?: Omit<FollowUpAnswer, 'dsl'>;
}

/** The referral's dates: the incident the school day before submission, the decision and consents on the day. */
function datedAnswers(submittedOn: string): DemoReferral['answers'] {
	const incident = weekdayOnOrBefore(addDays(submittedOn, -1));
	return {
		incident: dateFields('incident', incident),
		decision: dateFields('decided', submittedOn),
		consent: { ...dateFields('parentConsent', submittedOn), ...dateFields('youngPerson', submittedOn), ...dateFields('shareProgress', submittedOn), ...dateFields('evaluation', submittedOn) }
	};
}

function merge(a: DemoReferral['answers'], b: DemoReferral['answers']): DemoReferral['answers'] {
	const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]) as Set<keyof NonNullable<DemoReferral['answers']>>;
	return Object.fromEntries([...keys].map((k) => [k, { ...a?.[k], ...b?.[k] }]));
}

/** Submits, triages and assesses the case as planned, up to now; returns its id, or null if not referred yet. */
export async function openCase(world: DemoWorld, crew: Crew, plan: CasePlan, now: Date): Promise<string | null> {
	const submittedAt = at(plan.submittedOn, '10:20');
	if (submittedAt > now) return null;
	const dsl = `dsl.${plan.entry.school}@example.org`;
	const entry: DemoReferral = { ...plan.entry, dsl, state: 'submitted', answers: merge(datedAnswers(plan.submittedOn), plan.entry.answers) };
	const id = await createDemoReferral(world, entry, plan.pupil, submittedAt);
	const triagedAt = at(plan.submittedOn, '14:05');
	if (triagedAt > now) return id;
	await triage(crew.youthWorker, crew.senior, id, plan.triage, triagedAt);
	if (plan.triage.decision !== 'accept' || plan.assessedAfterDays === undefined) return id;
	const assessedAt = at(addDays(plan.submittedOn, plan.assessedAfterDays), '11:30');
	if (assessedAt <= now) await assess(crew.youthWorker, id, plan.draftOnly ? 'draft' : 'complete', plan.goals ?? 2, assessedAt);
	// Onward referrals come out of the assessment, before the sessions start (afterDays under 14).
	const o = plan.onward;
	const onwardAt = o ? at(addDays(plan.submittedOn, o.afterDays), '15:00') : null;
	if (o && onwardAt && onwardAt <= now) await onward(crew.youthWorker, id, o.toService, addDays(plan.submittedOn, o.afterDays), o.accepted, o.takenUp, onwardAt);
	return id;
}

export interface SessionPlan {
	on: string;
	time: string;
	module: number;
	place: string;
	kind?: 'group' | 'one_to_one';
}

/**
 * Sessions for a group: each scheduled a week ahead, the young people put in once assessed, and the
 * register taken as each session ends (marks in session order; a missing mark is "present").
 */
export async function runSessions(crew: Crew, sessions: SessionPlan[], members: { id: string; marks: Attendance[]; readyAt: Date }[], now: Date): Promise<void> {
	for (const [i, s] of sessions.entries()) {
		const scheduledAt = at(addDays(s.on, -7), '09:15');
		if (scheduledAt > now) return;
		const sessionId = await session(crew.youthWorker, s.on, s.time, [s.module], s.place, scheduledAt, s.kind);
		for (const m of members) await join(crew.youthWorker, sessionId, m.id, new Date(Math.max(scheduledAt.getTime(), m.readyAt.getTime()) + 60_000));
		const endsAt = new Date(at(s.on, s.time).getTime() + 95 * 60_000);
		if (endsAt > now) continue;
		await register(crew.youthWorker, sessionId, new Map(members.map((m) => [m.id, m.marks[i] ?? 'present'])), endsAt);
	}
}

/** The outcome and what follows it: certificate, onward referral, the school's decision; returns the follow-up answer to plan. */
export async function finishCase(crew: Crew, id: string, plan: CasePlan, now: Date): Promise<FollowUpAnswer | null> {
	const { youthWorker } = crew;
	const end = plan.ending;
	if (!end || at(end.on, '16:00') > now) return null;
	if (end.closeReview) await review(youthWorker, id, 'close_did_not_engage', end.closeReview, at(end.on, '15:30'));
	if (end.outcome) await outcome(youthWorker, id, end.outcome, end.ratings, end.on, at(end.on, '16:00'), end.reason);
	if (end.certificate) await certify(youthWorker, id, end.certificate, at(end.on, '16:30'));
	const again = end.revokeAndReissue;
	if (again && at(addDays(end.on, again.afterDays), '10:00') <= now) {
		await revoke(youthWorker, id, again.reason, at(addDays(end.on, again.afterDays), '10:00'));
		await certify(youthWorker, id, again.name, at(addDays(end.on, again.afterDays), '10:30'));
	}
	const school = end.fallback;
	if (school && at(addDays(end.on, school.afterDays), '12:00') <= now) {
		await fallback(crew.dsl(plan.entry.school), id, school.decision, school.days, school.note, at(addDays(end.on, school.afterDays), '12:00'));
	}
	return plan.followUp ? { ...plan.followUp, dsl: crew.dsl(plan.entry.school) } : null;
}

/** Today's date in London, for plans written relative to it. */
export const todayOf = (now: Date) => londonDate(now);
