import type { CaseState } from '$lib/case-states';
import { ESCALATION_AGENCY_LABELS, isEscalationAgency } from '$lib/escalation-agencies';
import { LEVELS_OF_NEED, TRIAGE_DECISION_LABELS, type Rag, type TriageDecision } from '$lib/triage-indicators';
import type { Actor } from '../auth/actor';
import { db } from '../db';
import { scopedReferral } from '../referrals/scope';
import { answerMap, factsOf, latestRound, parseAnswers, userNames } from './case';
import { countersignsOf } from './countersign';
import type { RequiredEscalationChoice } from './decide';
import { fallbackOpen, schoolDecisionOf } from './fallback';
import { TRIAGE_FLAGS, triageRules } from './rules';

/**
 * The triage part of the case page, shaped by role (STYLE.md rule 6). Youth workers and admins see
 * the decision, level of need, rating, required escalations and countersignatures (never the notes
 * here: they are on the triage page). The school's DSLs see only, for a case not suitable, the reason
 * and where the young person was redirected, and what the school then decided. Nobody else sees it.
 * The case page's own load writes the audit row for the read.
 */
export async function triageSummaryFor(actor: Actor, referralId: string, now = new Date()) {
	const row = await scopedReferral(actor, referralId);
	if (!row || row.state === 'draft') return null;
	const latest = await latestRound(db(), referralId);
	const state = row.state as CaseState;

	if (actor.role === 'dsl' || actor.role === 'deputy_dsl') {
		if (row.schoolId !== actor.schoolId) return null;
		const notSuitable = latest?.decision === 'not-suitable' ? { reason: latest.notSuitableReason ?? '', redirectedTo: latest.redirectedTo ?? '' } : null;
		return {
			for: 'school' as const,
			referralId,
			notSuitable,
			schoolDecision: await schoolDecisionOf(db(), row),
			canRecordSchoolDecision: await fallbackOpen(db(), row)
		};
	}
	if (actor.role !== 'youth_worker' && actor.role !== 'provider_admin') return null;

	const decided = latest?.decidedAt ? latest : null;
	const choices = decided ? (JSON.parse(decided.requiredEscalations) as RequiredEscalationChoice[]) : [];
	const outcome = latest ? triageRules(answerMap(parseAnswers(latest.answers)), factsOf(row)) : null;
	const names = await userNames(db(), [decided?.leadYouthWorkerId, decided?.decidedBy]);
	const youthWorker = actor.role === 'youth_worker';
	return {
		for: 'service' as const,
		referralId,
		status: !latest ? ('not-started' as const) : decided ? ('decided' as const) : ('in-progress' as const),
		round: latest?.round ?? 0,
		decision: (decided?.decision as TriageDecision | null) ?? null,
		decisionLabel: decided?.decision ? (TRIAGE_DECISION_LABELS[decided.decision as TriageDecision] ?? decided.decision) : null,
		levelOfNeed: decided?.levelOfNeed ?? null,
		levelLabel: LEVELS_OF_NEED.find((l) => l.value === String(decided?.levelOfNeed))?.label ?? null,
		rag: (decided?.rag as Rag | null) ?? null,
		suggestedRag: (decided?.suggestedRag as Rag | null) ?? null,
		leadYouthWorkerName: decided?.leadYouthWorkerId ? (names.get(decided.leadYouthWorkerId) ?? 'Former user') : null,
		decidedAt: decided?.decidedAt?.toISOString() ?? null,
		decidedByName: decided?.decidedBy ? (names.get(decided.decidedBy) ?? 'Former user') : null,
		required: choices.map((c) => ({ agency: c.agency, label: isEscalationAgency(c.agency) ? ESCALATION_AGENCY_LABELS[c.agency] : c.agency, choice: c.choice })),
		flags: (outcome?.flags ?? []).map((f) => TRIAGE_FLAGS[f]),
		notSuitableReason: decided?.notSuitableReason ?? null,
		redirectedTo: decided?.redirectedTo ?? null,
		countersigns: await countersignsOf(referralId, now),
		childProtection: row.childProtection,
		reviewFlag: row.reviewFlag,
		schoolDecision: await schoolDecisionOf(db(), row),
		canTriage: youthWorker && ['submitted', 'in_triage', 'on_hold'].includes(state),
		canLiftHold: youthWorker && state === 'on_hold'
	};
}

export type TriageSummaryView = NonNullable<Awaited<ReturnType<typeof triageSummaryFor>>>;
