import { asc, eq } from 'drizzle-orm';
import { ASSESSMENT_DOMAINS } from '$lib/assessment-domains';
import { CASE_STATE_LABELS } from '$lib/case-states';
import { CONSENT_METHODS } from '$lib/codes';
import { ESCALATION_AGENCY_LABELS } from '$lib/escalation-agencies';
import { GOAL_RATING_LABELS, OUTCOME_LABELS } from '$lib/outcomes';
import { ROLE_LABELS } from '$lib/roles';
import { ESCALATION_METHODS, LAWFUL_BASES } from '$lib/schemas/escalation';
import { SECTIONS } from '$lib/schemas/referral/sections';
import { INDICATORS, LEVELS_OF_NEED, TRIAGE_DECISION_LABELS } from '$lib/triage-indicators';
import { t, type Queryable } from '../db';
import { ESCALATION_STATE_LABELS } from '../escalations/lifecycle';
import { TIMER_LABELS } from '../escalations/timers';
import { eventDescription } from '../referrals/case-view';
import { sectionRows } from '../referrals/summary';
import { basisLabel } from '../retention/record';
import { closedOnOf } from '../retention/refresh';
import { day, fields, label, when, yesNo } from './format';
import { followUpParts, programmeParts } from './programme-parts';
import type { Part, ReferralRecord } from './types';

const CONSENT_LABELS: Record<string, string> = {
	parent: 'Parent or carer’s consent',
	young_person: 'The young person’s agreement',
	share_progress: 'Sharing progress with the school',
	evaluation: 'Evaluation'
};

export type Names = (id: string | null | undefined) => string;

function parseJson(text: string | null): Record<string, unknown> {
	try {
		const value = text ? (JSON.parse(text) as unknown) : {};
		return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

/**
 * One referral's whole record, part by part, read with the referral's own id everywhere: session
 * registers are read by this referral's rows only, so no other young person's attendance is included.
 */
export async function referralRecord(q: Queryable, r: typeof t.referral.$inferSelect, school: string, name: Names): Promise<ReferralRecord> {
	const parts: Part[] = [];
	parts.push({
		title: 'The referral',
		entries: [
			fields([
				['Reference', r.id],
				['School or college', school],
				['State', label(CASE_STATE_LABELS, r.state)],
				['Submitted', when(r.submittedAt)],
				['Closed', r.closedAt ? day(closedOnOf(r.closedAt)) : ''],
				['Touches child protection', yesNo(r.childProtection)],
				['Record kept until', day(r.retentionReviewOn)],
				['Why that date', r.retentionBasis ? basisLabel(r.retentionBasis, r.retentionNote) : ''],
				['Legal hold', yesNo(r.legalHold)]
			])
		]
	});
	const sections = await q.select().from(t.referralSection).where(eq(t.referralSection.referralId, r.id));
	for (const section of SECTIONS) {
		const row = sections.find((s) => s.section === section.key);
		if (row) parts.push({ title: section.title, entries: [sectionRows(section.key, parseJson(row.data)).map((f) => ({ label: f.label, value: f.value }))] });
	}
	const consents = await q.select().from(t.consent).where(eq(t.consent.referralId, r.id));
	parts.push({
		title: 'Consents',
		entries: consents.map((c) =>
			fields([
				['Consent', label(CONSENT_LABELS, c.kind)],
				['Given', yesNo(c.given)],
				['Given by', c.givenBy === 'young_person' ? 'The young person' : c.givenBy],
				['How', label(CONSENT_METHODS, c.method)],
				['When', day(c.givenOn)],
				['Withdrawn', when(c.withdrawnAt)],
				['Withdrawn by', c.withdrawnBy ? name(c.withdrawnBy) : ''],
				['Why withdrawn', c.withdrawnReason]
			])
		)
	});
	const events = await q.select().from(t.caseEvent).where(eq(t.caseEvent.referralId, r.id)).orderBy(asc(t.caseEvent.id));
	parts.push({
		title: 'Chronology',
		entries: events.map((e) =>
			fields([
				['When', when(e.at)],
				['By', e.actorUserId ? `${name(e.actorUserId)} (${label(ROLE_LABELS, e.actorRole)})` : 'The system'],
				['What', eventDescription(e)],
				['Reason or note', e.reason]
			])
		)
	});
	parts.push(...(await triageParts(q, r.id, name)));
	const escalations = await q.select().from(t.escalation).where(eq(t.escalation.referralId, r.id)).orderBy(asc(t.escalation.createdAt));
	parts.push({
		title: 'Escalations',
		entries: escalations.map((e) =>
			fields([
				['Agency', label(ESCALATION_AGENCY_LABELS, e.agency)],
				['State', label(ESCALATION_STATE_LABELS, e.state)],
				['Required by the triage rules', yesNo(e.required)],
				['How', label(ESCALATION_METHODS, e.method)],
				['Sent', when(e.sentAt)],
				['Written referral sent', when(e.writtenReferralAt)],
				['Reference', e.reference],
				['Lawful basis for sharing', label(LAWFUL_BASES, e.lawfulBasis)],
				['Acknowledged', when(e.acknowledgedAt)],
				['Decision', e.decision],
				['Decided', when(e.decisionAt)],
				['Outcome', e.outcome],
				['Next action', e.nextAction],
				['Recorded by', name(e.createdBy)]
			])
		)
	});
	const countersigns = await q.select().from(t.countersign).where(eq(t.countersign.referralId, r.id));
	parts.push({
		title: 'Decisions countersigned',
		entries: countersigns.map((c) =>
			fields([
				['Decision', c.kind === 'not-suitable' ? 'Not suitable for the programme' : `Not to escalate to ${label(ESCALATION_AGENCY_LABELS, c.agency)}`],
				['Rationale', c.rationale],
				['Asked by', name(c.requestedBy)],
				['Asked', when(c.requestedAt)],
				['Countersigned by', c.countersignedBy ? name(c.countersignedBy) : ''],
				['Countersigned', when(c.countersignedAt)],
				['Comment', c.comment]
			])
		)
	});
	parts.push(...(await assessmentParts(q, r.id)));
	parts.push(...(await programmeParts(q, r.id, name)));
	parts.push(...(await followUpParts(q, r.id, name)));
	const timers = await q.select().from(t.caseTimer).where(eq(t.caseTimer.referralId, r.id)).orderBy(asc(t.caseTimer.startedAt));
	parts.push({
		title: 'Time limits',
		entries: timers.map((tm) => fields([['Time limit', label(TIMER_LABELS, tm.kind)], ['Started', when(tm.startedAt)], ['Due', when(tm.dueAt)], ['Met', when(tm.metAt)], ['Stopped', when(tm.stoppedAt)]]))
	});
	return { reference: r.id, school, parts: parts.filter((p) => p.entries.some((e) => e.length > 0)) };
}

async function triageParts(q: Queryable, referralId: string, name: Names): Promise<Part[]> {
	const rounds = await q.select().from(t.triage).where(eq(t.triage.referralId, referralId)).orderBy(asc(t.triage.round));
	return rounds.map((round) => {
		const answers = parseJson(round.answers) as Record<string, { answer?: string; note?: string }>;
		const indicators = INDICATORS.flatMap((i) => {
			const a = answers[i.key];
			if (!a?.answer) return [];
			const answer = a.answer === 'unknown' ? 'Not known' : a.answer === 'yes' ? 'Yes' : 'No';
			return [{ label: i.question, value: a.note ? `${answer}. ${a.note}` : answer }];
		});
		return {
			title: `Triage, round ${round.round}`,
			entries: [
				fields([
					['Decision', label(TRIAGE_DECISION_LABELS, round.decision)],
					['Decided', when(round.decidedAt)],
					['Decided by', round.decidedBy ? name(round.decidedBy) : ''],
					['Level of need', label(LEVELS_OF_NEED, round.levelOfNeed === null ? null : String(round.levelOfNeed))],
					['Rating', round.rag ? round.rag[0]?.toUpperCase() + round.rag.slice(1) : ''],
					['Why not suitable', round.notSuitableReason],
					['Redirected to', round.redirectedTo]
				]),
				indicators
			]
		};
	});
}

async function assessmentParts(q: Queryable, referralId: string): Promise<Part[]> {
	const [a] = await q.select().from(t.assessment).where(eq(t.assessment.referralId, referralId));
	const goals = await q.select().from(t.goal).where(eq(t.goal.referralId, referralId)).orderBy(asc(t.goal.position));
	const parts: Part[] = [];
	if (a) {
		const answers = parseJson(a.answers);
		parts.push({
			title: 'Assessment',
			entries: [
				fields([
					...ASSESSMENT_DOMAINS.map((d): [string, string] => [d.title, String(answers[d.key] ?? '')]),
					['Risk summary', a.riskSummary],
					['Suitable for', a.suitability === 'one_to_one' ? '1:1 sessions' : a.suitability === 'group' ? 'A group' : ''],
					['Planned onward referrals', a.plannedOnwardReferrals],
					['New risks found', a.newRisks ? 'Yes' : ''],
					['About the new risks', a.newRisksNote],
					['Completed', when(a.completedAt)]
				])
			]
		});
	}
	parts.push({ title: 'Goals', entries: goals.map((g) => fields([['Goal', g.text], ['Achieved', label(GOAL_RATING_LABELS, g.achievement)]])) });
	const [outcome] = await q.select().from(t.caseOutcome).where(eq(t.caseOutcome.referralId, referralId));
	if (outcome) {
		parts.push({
			title: 'Outcome',
			entries: [fields([['Outcome', label(OUTCOME_LABELS, outcome.outcome)], ['On', day(outcome.outcomeOn)], ['Proposed by the rules', label(OUTCOME_LABELS, outcome.proposed)], ['Why it differs', outcome.overrideReason]])]
		});
	}
	return parts;
}
