import { and, eq, isNull } from 'drizzle-orm';
import type { AssessmentForm } from '$lib/schemas/assessment';
import type { Attendance, ReviewDecision, SessionInput } from '$lib/schemas/support-session';
import type { SchoolDecision } from '$lib/schemas/triage';
import type { GoalRating, Outcome } from '$lib/outcomes';
import type { IndicatorKey } from '$lib/triage-indicators';
import { triageRules } from '$lib/triage-rules';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { saveAssessment } from '../assessments/record';
import { assessmentFormValues, assessmentOf } from '../assessments/values';
import { issueCertificate } from '../certificates/issue';
import { revokeCertificate } from '../certificates/revoke';
import { scheduleFollowUps } from '../follow-ups/schedule';
import { createOnwardReferral } from '../onward-referrals/onward-referrals';
import { recordOutcome } from '../outcomes/record';
import { addAttendee } from '../support-sessions/attendees';
import { takeRegister } from '../support-sessions/register';
import { decideReview } from '../support-sessions/reviews';
import { scheduleSession } from '../support-sessions/schedule';
import { DEFAULT_MODULES } from '../settings/defaults';
import { factsOf } from '../triage/case';
import { countersignDecision } from '../triage/countersign';
import { recordSchoolDecision } from '../triage/fallback';
import { decideTriage } from '../triage/triage';
import { answersFor, caseRow } from './triaged';

/**
 * One step of a case each, made through the domain function the page calls, at a given time. A
 * refusal is a bug in the demo, so each throws rather than carrying on with a half-made case.
 */
function check<T extends { ok: boolean }>(what: string, result: T): T & { ok: true } {
	if (!result.ok) throw new Error(`demo ${what} refused: ${JSON.stringify(result)}`);
	return result as T & { ok: true };
}

const MINUTE = 60_000;
export const MODULE_TITLES = DEFAULT_MODULES.map((m) => m.title);

export interface TriageChoice {
	decision: 'accept' | 'not-suitable';
	yes?: IndicatorKey[];
	levelOfNeed?: 1 | 2 | 3 | 4;
	rag?: 'red' | 'amber' | 'green';
	notSuitable?: { reason: string; redirectedTo: string };
}

/**
 * Triage: every required escalation is declined with the rationale a worker gives when the school has
 * already told the agency, and a senior worker countersigns each request an hour later, so the demo
 * leaves no countersign waiting beyond those of the triaged cases.
 */
export async function triage(youthWorker: Actor, senior: Actor, id: string, choice: TriageChoice, when: Date): Promise<void> {
	const answers = answersFor(choice.yes ?? []);
	const rules = triageRules(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.answer])), factsOf(await caseRow(id)));
	const escalations = Object.fromEntries(rules.required.map((agency) => [agency, { choice: 'decline' as const, rationale: 'The DSL told them on the day of the incident; nothing more to add (demo).' }]));
	const input = {
		answers,
		levelOfNeed: choice.levelOfNeed ?? 1,
		rag: choice.rag ?? 'green',
		leadYouthWorkerId: youthWorker.userId,
		decision: choice.decision,
		holdReason: '',
		notSuitableReason: choice.notSuitable?.reason ?? '',
		redirectedTo: choice.notSuitable?.redirectedTo ?? '',
		escalations
	};
	check('triage', await decideTriage(youthWorker, id, input, 0, when));
	const waiting = await db().select({ id: t.countersign.id }).from(t.countersign).where(and(eq(t.countersign.referralId, id), isNull(t.countersign.countersignedAt)));
	for (const c of waiting) check('countersign', await countersignDecision(senior, c.id, 'Agreed (demo).', new Date(when.getTime() + 60 * MINUTE)));
}

const GOALS = ['Stay in lessons all week', 'Cut down, then stop vaping', 'Get back into football training', 'Talk to my mum when things get hard', 'Keep away from the park after school'];

/** The assessment, as a draft or completed with no new risks (the case then starts the programme). */
export async function assess(youthWorker: Actor, id: string, mode: 'draft' | 'complete', goals: number, when: Date): Promise<void> {
	const referral = await caseRow(id);
	const { row, goals: stored } = await assessmentOf(db(), referral);
	const form: AssessmentForm = {
		...assessmentFormValues(row, stored),
		substances: 'Started vaping THC with friends in the summer; weekends only, never alone (demo).',
		family: 'Lives with mum and a younger brother; gets on well at home (demo).',
		strengths: 'Good at art; plays football for a local club (demo).',
		riskSummary: mode === 'complete' ? 'Low risk: occasional use with friends, no signs of exploitation (demo).' : '',
		suitability: mode === 'complete' ? 'group' : '',
		newRisks: mode === 'complete' ? 'no' : ''
	};
	GOALS.slice(0, goals).forEach((text, i) => Object.assign(form, { [`goal${i + 1}`]: text }));
	check('assessment', await saveAssessment(youthWorker, id, form, mode, when));
}

/** A session covering the given modules (by their position in the default set). */
export async function session(youthWorker: Actor, on: string, time: string, modules: number[], place: string, scheduledAt: Date, kind: 'group' | 'one_to_one' = 'group'): Promise<string> {
	const [y, m, d] = on.split('-');
	const input: SessionInput = {
		version: 0,
		kind,
		dateDay: String(Number(d)),
		dateMonth: String(Number(m)),
		dateYear: y ?? '',
		startTime: time,
		durationMinutes: '90',
		mode: 'in_person',
		place,
		link: '',
		facilitatorId: youthWorker.userId,
		forReferral: '',
		modules: modules.map((i) => MODULE_TITLES[i] ?? '')
	};
	return check('session', await scheduleSession(youthWorker, input, scheduledAt)).id;
}

export async function join(youthWorker: Actor, sessionId: string, id: string, when: Date): Promise<void> {
	check('attendee', await addAttendee(youthWorker, sessionId, id, when));
}

/** The register of a session: a mark for every young person in it. */
export async function register(youthWorker: Actor, sessionId: string, marks: Map<string, Attendance>, when: Date): Promise<void> {
	const rows = await db().select().from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.sessionId, sessionId));
	const entries = rows.map((r) => ({ attendeeId: r.id, version: r.version, attendance: marks.get(r.referralId) ?? 'present', note: '' }));
	check('register', await takeRegister(youthWorker, sessionId, entries, when));
}

export async function review(youthWorker: Actor, id: string, decision: ReviewDecision, note: string, when: Date): Promise<void> {
	const [open] = await db().select({ id: t.caseReview.id }).from(t.caseReview).where(and(eq(t.caseReview.referralId, id), isNull(t.caseReview.decidedAt)));
	if (!open) throw new Error('demo review missing');
	check('review', await decideReview(youthWorker, id, open.id, { decision, note }, when));
}

/**
 * The outcome, each goal rated, then the follow-up job's scheduling step at the same moment (the job
 * runs hourly; only this case's outcome is waiting for it).
 */
export async function outcome(youthWorker: Actor, id: string, chosen: Outcome, ratings: GoalRating[], on: string, when: Date, reason = ''): Promise<void> {
	const row = await caseRow(id);
	const goals = await db().select({ id: t.goal.id }).from(t.goal).where(eq(t.goal.referralId, id));
	const input = { outcome: chosen, overrideReason: reason, outcomeOn: on, ratings: goals.map((_, i) => ratings[i % Math.max(ratings.length, 1)] ?? 'achieved'), fromReview: chosen === 'did_not_engage' };
	check('outcome', await recordOutcome(youthWorker, id, input, row.version, when));
	await scheduleFollowUps(db(), when);
}

export async function certify(youthWorker: Actor, id: string, name: string, when: Date): Promise<void> {
	check('certificate', await issueCertificate(youthWorker, id, name, when));
}

export async function revoke(youthWorker: Actor, id: string, reason: string, when: Date): Promise<void> {
	check('revocation', await revokeCertificate(youthWorker, id, reason, when));
}

export async function onward(youthWorker: Actor, id: string, toService: string, on: string, accepted: 'yes' | 'no' | 'not_known', takenUp: 'yes' | 'no' | 'not_known', when: Date): Promise<void> {
	const [y, m, d] = on.split('-');
	const input = { version: 0, toService, referredDay: String(Number(d)), referredMonth: String(Number(m)), referredYear: y ?? '', accepted, takenUp, note: '' };
	check('onward referral', await createOnwardReferral(youthWorker, id, input, when));
}

/** What the school decided when diversion did not go ahead, recorded by its DSL. */
export async function fallback(dsl: Actor, id: string, decision: SchoolDecision, days: number | null, note: string, when: Date): Promise<void> {
	const row = await caseRow(id);
	check('school decision', await recordSchoolDecision(dsl, id, { decision, days, note }, row.version, when));
}
