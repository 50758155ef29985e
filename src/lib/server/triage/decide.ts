import { eq } from 'drizzle-orm';
import type { CaseState } from '$lib/case-states';
import type { EscalationAgency } from '$lib/escalation-agencies';
import type { TriageDecision } from '$lib/triage-indicators';
import type { EscalationChoice, StoredAnswers, TriageDecisionInput } from '$lib/schemas/triage';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { recordCaseEvent } from '../referrals/events';
import { applyTransition } from '../referrals/transition';
import type { Transition } from '../referrals/workflow';
import { getSetting } from '../settings/settings';
import { DECIDABLE_STATES, answerMap, caseForYouthWorker, cleanAnswers, factsOf, isActiveYouthWorker, latestRound, openRound, parseAnswers } from './case';
import { requestCountersign } from './countersign';
import { decisionProblems } from './decision-rules';
import { Refusal, startTriageIfSubmitted, writeAnswers } from './rounds';
import { triageRules } from './rules';
import { markChildProtection } from './child-protection';

export type DecideResult =
	| { ok: true; state: CaseState }
	| { ok: false; problem: 'not-found' | 'wrong-state' | 'not-allowed' }
	| { ok: false; problem: 'invalid'; errors: Record<string, string> }
	| { ok: false; problem: 'stale'; current: StoredAnswers; version: number };

/** What each required escalation was decided to be, as kept on the triage round. */
export interface RequiredEscalationChoice {
	agency: EscalationAgency;
	choice: EscalationChoice;
	countersignId: string | null;
}

const TRANSITION: Record<TriageDecision, Transition> = {
	accept: 'accept',
	'accept-with-escalation': 'accept',
	hold: 'hold',
	'not-suitable': 'not-suitable'
};

function transitionReason(input: TriageDecisionInput): string | null {
	switch (input.decision) {
		case 'accept-with-escalation':
			return 'Accepted with an escalation running alongside';
		case 'hold':
			return input.holdReason.trim();
		case 'not-suitable':
			return `${input.notSuitableReason.trim()}\n\nRedirected to: ${input.redirectedTo.trim()}`;
		default:
			return null;
	}
}

/**
 * Records the triage decision (DOMAIN.md §3 step 3, §4) in one transaction: the answers, level of
 * need, rating and lead youth worker on the round; the case's move (accept, hold with its reason, or
 * not suitable with the reason and redirection, which emails the school's DSLs without details); a
 * countersign request for each declined required escalation (the case is flagged for review) and for
 * a not-suitable decision; the child-protection flag for level 3 or 4; chronology and audit rows.
 */
export async function decideTriage(actor: Actor, referralId: string, input: TriageDecisionInput, expectedVersion: number, now = new Date()): Promise<DecideResult> {
	const cleaned = cleanAnswers(input.answers);
	if (Object.keys(cleaned.errors).length > 0) return { ok: false, problem: 'invalid', errors: cleaned.errors };
	const slas = await getSetting(db(), actor.serviceId, 'slas');
	try {
		return await db().transaction(async (tx): Promise<DecideResult> => {
			const row = await caseForYouthWorker(tx, actor, referralId);
			if (!row) return { ok: false, problem: 'not-found' };
			if (!DECIDABLE_STATES.includes(row.state)) return { ok: false, problem: 'wrong-state' };
			const latest = await latestRound(tx, referralId);
			const open = openRound(latest);
			const current = open?.version ?? 0;
			if (expectedVersion !== current) return { ok: false, problem: 'stale', current: parseAnswers(open?.answers), version: current };

			const outcome = triageRules(answerMap(cleaned.answers), factsOf(row));
			const leadIsActiveYouthWorker = await isActiveYouthWorker(tx, row.serviceId, input.leadYouthWorkerId);
			const errors = decisionProblems(input, { outcome, state: row.state, leadIsActiveYouthWorker });
			if (Object.keys(errors).length > 0) return { ok: false, problem: 'invalid', errors };
			const decision = input.decision as TriageDecision;
			const levelOfNeed = input.levelOfNeed as number;

			const started = await startTriageIfSubmitted(tx, actor, row, now, { decisionFollows: true });
			const moved = await applyTransition(tx, actor, started, TRANSITION[decision], { reason: transitionReason(input), set: { leadYouthWorkerId: input.leadYouthWorkerId } }, now);
			if (!moved.ok) throw new Refusal(moved.problem === 'not-allowed' ? 'not-allowed' : 'wrong-state');

			const choices: RequiredEscalationChoice[] = [];
			for (const agency of outcome.required) {
				const chosen = input.escalations[agency] ?? { choice: 'escalate', rationale: '' };
				let countersignId: string | null = null;
				if (chosen.choice === 'decline') {
					const rationale = chosen.rationale.trim();
					countersignId = await requestCountersign(tx, actor, row, { kind: 'declined-escalation', agency, rationale }, slas.countersignWorkingDays, now);
					await recordCaseEvent(tx, actor, row, { kind: 'escalation-declined', section: agency, reason: rationale, schoolVisible: false }, now);
					await recordAudit(tx, actor, {
						action: 'triage.escalation-declined',
						recordType: 'referral',
						recordId: referralId,
						schoolId: row.schoolId,
						detail: { agency, countersign: countersignId }
					});
				}
				choices.push({ agency, choice: chosen.choice === 'decline' ? 'decline' : 'escalate', countersignId });
			}
			const declined = choices.filter((c) => c.choice === 'decline').length;
			if (declined > 0) await tx.update(t.referral).set({ reviewFlag: true, updatedAt: now }).where(eq(t.referral.id, referralId));
			if (decision === 'not-suitable') {
				await requestCountersign(tx, actor, row, { kind: 'not-suitable', agency: null, rationale: input.notSuitableReason.trim() }, slas.countersignWorkingDays, now);
			}

			const saved = await writeAnswers(tx, actor, started, latest, open, cleaned.answers, now, {
				levelOfNeed,
				rag: input.rag,
				requiredEscalations: JSON.stringify(choices),
				suggestedRag: outcome.suggestedRag,
				leadYouthWorkerId: input.leadYouthWorkerId,
				decision,
				notSuitableReason: decision === 'not-suitable' ? input.notSuitableReason.trim() : null,
				redirectedTo: decision === 'not-suitable' ? input.redirectedTo.trim() : null,
				decidedAt: now,
				decidedBy: actor.userId
			});
			// DOMAIN.md §3 step 3: level of need 3 (child in need) or 4 (child protection) touches child protection.
			if (levelOfNeed >= 3) await markChildProtection(tx, referralId, actor, now);
			await recordAudit(tx, actor, {
				action: 'triage.decided',
				recordType: 'referral',
				recordId: referralId,
				schoolId: row.schoolId,
				detail: {
					triage: saved.id,
					round: saved.round,
					decision,
					levelOfNeed,
					rag: input.rag,
					suggestedRag: outcome.suggestedRag,
					required: outcome.required.join(','),
					declined
				}
			});
			return { ok: true, state: moved.to };
		});
	} catch (e) {
		if (e instanceof Refusal) return { ok: false, problem: e.problem };
		throw e;
	}
}
