import { and, eq, isNull } from 'drizzle-orm';
import type { AssessmentForm } from '$lib/schemas/assessment';
import { newEscalationSchema } from '$lib/schemas/escalation';
import type { Actor } from '$lib/server/auth/actor';
import { saveAssessment } from '$lib/server/assessments/record';
import { assessmentFormValues, assessmentOf } from '$lib/server/assessments/values';
import { db, t } from '$lib/server/db';
import { addDays, at, londonDate } from '$lib/server/demo/clock';
import { join, register, session } from '$lib/server/demo/steps';
import { createEscalation } from '$lib/server/escalations/escalations';
import { createOnwardReferral } from '$lib/server/onward-referrals/onward-referrals';
import { recordOutcome } from '$lib/server/outcomes/record';
import { withdrawReferral } from '$lib/server/referrals/withdraw';
import { recordSchoolDecision } from '$lib/server/triage/fallback';
import { decideTriage } from '$lib/server/triage/triage';
import { acceptedCase, caseRow, noConcerns, submittedCase } from '../case';

/**
 * A school's cases for the access matrix, each at one step of the path, made through the domain
 * functions the pages call. Every pupil-level and free-text field carries the school's canary tag, so
 * a response that shows another school's pupil is found by searching for that school's tag.
 */
export interface CaseSchool {
	tag: string;
	dsl: Actor;
	youthWorker: Actor;
}

const DAY = 86_400_000;
const ok = <T extends { ok: boolean }>(what: string, result: T): T & { ok: true } => {
	if (!result.ok) throw new Error(`matrix fixture: ${what} refused: ${JSON.stringify(result)}`);
	return result as T & { ok: true };
};

/** Referral answers with the tag in every pupil-level and free-text field; `dobDay` keeps pupils apart. */
export function taggedAnswers(tag: string, dobDay: number) {
	return {
		pupil: { legalForename: tag, legalSurname: `${tag}son`, preferredName: `${tag}ie`, dobDay: String(dobDay), addressLine1: `1 ${tag} Road`, gpPractice: `${tag} Surgery` },
		family: { contact1Name: `${tag} Carer` },
		incident: { place: `${tag} corridor`, substanceDescription: `${tag} bag of plant material`, witness1: `${tag} Witness` },
		decision: { decidedBy: `${tag} Head` },
		consent: { parentConsentBy: `${tag} Carer` }
	};
}

const triageInput = (youthWorker: Actor, decision: 'hold' | 'not-suitable') => ({
	answers: noConcerns(),
	levelOfNeed: 1,
	rag: 'green' as const,
	leadYouthWorkerId: youthWorker.userId,
	decision,
	holdReason: decision === 'hold' ? 'Waiting for the MASH decision (matrix)' : '',
	notSuitableReason: decision === 'not-suitable' ? 'Signs of supply (matrix)' : '',
	redirectedTo: decision === 'not-suitable' ? 'Police' : '',
	escalations: {}
});

export async function onHoldCase(s: CaseSchool, dobDay: number): Promise<string> {
	const id = await submittedCase(s.dsl, taggedAnswers(s.tag, dobDay));
	ok('hold', await decideTriage(s.youthWorker, id, triageInput(s.youthWorker, 'hold'), 0));
	return id;
}

/** Not suitable, awaiting a senior's countersignature. */
export async function notSuitableCase(s: CaseSchool, dobDay: number): Promise<{ id: string; countersignId: string }> {
	const id = await submittedCase(s.dsl, taggedAnswers(s.tag, dobDay));
	ok('not suitable', await decideTriage(s.youthWorker, id, triageInput(s.youthWorker, 'not-suitable'), 0));
	const [pending] = await db().select({ id: t.countersign.id }).from(t.countersign).where(and(eq(t.countersign.referralId, id), isNull(t.countersign.countersignedAt)));
	if (!pending) throw new Error('matrix fixture: no countersign waiting');
	return { id, countersignId: pending.id };
}

/** Accepted and assessed (the assessment carries the tag), so in the programme. */
export async function inProgrammeCase(s: CaseSchool, dobDay: number): Promise<string> {
	const id = await acceptedCase(s.dsl, s.youthWorker, taggedAnswers(s.tag, dobDay));
	const { row, goals } = await assessmentOf(db(), await caseRow(id));
	const form: AssessmentForm = {
		...assessmentFormValues(row, goals),
		substances: `${s.tag} started vaping with friends`,
		family: `${s.tag} lives with a parent`,
		riskSummary: `${s.tag} low risk`,
		suitability: 'group',
		newRisks: 'no',
		goal1: `${s.tag} goal: stay in lessons`
	};
	ok('assessment', await saveAssessment(s.youthWorker, id, form, 'complete'));
	return id;
}

/** A session `daysFromNow` (negative: in the past), covering modules by position, with these cases in it. */
export async function sessionWith(youthWorker: Actor, caseIds: string[], daysFromNow: number, modules: number[]): Promise<string> {
	const on = addDays(londonDate(new Date()), daysFromNow);
	const scheduledAt = new Date(Math.min(Date.now(), at(on, '09:00').getTime()) - 7 * DAY);
	const id = await session(youthWorker, on, '10:00', modules, 'Youth centre', scheduledAt);
	for (const caseId of caseIds) await join(youthWorker, id, caseId, new Date(scheduledAt.getTime() + 60_000));
	return id;
}

/** Two missed sessions: the case is flagged for review (DOMAIN.md §3 step 6). */
export async function reviewCase(s: CaseSchool, dobDay: number): Promise<{ id: string; reviewId: string }> {
	const id = await inProgrammeCase(s, dobDay);
	for (const daysAgo of [14, 7]) {
		const sessionId = await sessionWith(s.youthWorker, [id], -daysAgo, [0]);
		await register(s.youthWorker, sessionId, new Map([[id, 'absent']]), new Date(Date.now() - daysAgo * DAY + 3 * 3_600_000));
	}
	const [review] = await db().select({ id: t.caseReview.id }).from(t.caseReview).where(eq(t.caseReview.referralId, id));
	if (!review) throw new Error('matrix fixture: no review raised');
	return { id, reviewId: review.id };
}

/** Every core module attended and the outcome recorded as completed, on `outcomeOn`. */
export async function completedCase(s: CaseSchool, dobDay: number, outcomeOn = londonDate(new Date())): Promise<string> {
	const id = await inProgrammeCase(s, dobDay);
	const sessionId = await sessionWith(s.youthWorker, [id], -3, [0, 1, 2]);
	await register(s.youthWorker, sessionId, new Map([[id, 'present']]), new Date(Date.now() - 2 * DAY));
	const input = { outcome: 'completed' as const, overrideReason: '', outcomeOn, ratings: ['achieved' as const], fromReview: false };
	ok('outcome', await recordOutcome(s.youthWorker, id, input, (await caseRow(id)).version));
	return id;
}

/** An escalation the school made (a DSL may edit and download only the school's own). */
export async function escalationCase(s: CaseSchool, dobDay: number): Promise<{ id: string; escalationId: string }> {
	const id = await submittedCase(s.dsl, taggedAnswers(s.tag, dobDay));
	const input = newEscalationSchema.parse({ agency: 'mash', made: 'yes', method: 'phone', sentDay: '2', sentMonth: '11', sentYear: '2026', sentTime: '10:30', reference: `${s.tag}-REF`, lawfulBasis: 'safeguarding', note: `${s.tag} escalation note` });
	const created = ok('escalation', await createEscalation(s.dsl, id, input));
	return { id, escalationId: created.id };
}

export async function onwardCase(s: CaseSchool, dobDay: number): Promise<{ id: string; onwardId: string }> {
	const id = await inProgrammeCase(s, dobDay);
	const input = { version: 0, toService: 'Young people’s substance service', referredDay: '20', referredMonth: '11', referredYear: '2026', accepted: 'yes' as const, takenUp: 'not_known' as const, note: `${s.tag} onward note` };
	const created = ok('onward referral', await createOnwardReferral(s.youthWorker, id, input));
	return { id, onwardId: created.id };
}

/** Two referrals of one young person from the school: the second is proposed as a match. */
export async function matchedCase(s: CaseSchool, dobDay: number): Promise<{ id: string; proposal: string }> {
	await submittedCase(s.dsl, taggedAnswers(s.tag, dobDay));
	const id = await submittedCase(s.dsl, taggedAnswers(s.tag, dobDay));
	const [proposal] = await db().select({ id: t.matchProposal.id }).from(t.matchProposal).where(eq(t.matchProposal.referralId, id));
	if (!proposal) throw new Error('matrix fixture: no match proposed');
	return { id, proposal: proposal.id };
}

/**
 * Withdrawn by the school and closed four years ago, when it recorded what it decided instead: past
 * its review date (three years after closure), so due for retention review (DOMAIN.md §7).
 */
export async function dueForReviewCase(s: CaseSchool, dobDay: number): Promise<string> {
	const closedAt = new Date(Date.now() - 4 * 366 * DAY);
	const id = await submittedCase(s.dsl, taggedAnswers(s.tag, dobDay), new Date(closedAt.getTime() - 600_000));
	ok('withdraw', await withdrawReferral(s.dsl, id, `${s.tag} family moved away`, (await caseRow(id)).version, new Date(closedAt.getTime() - 300_000)));
	ok('school decision', await recordSchoolDecision(s.dsl, id, { decision: 'no_further_sanction', days: null, note: `${s.tag} supported in school` }, (await caseRow(id)).version, closedAt));
	return id;
}
