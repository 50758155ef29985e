import { ESCALATION_AGENCY_LABELS } from '$lib/escalation-agencies';
import { INDICATORS, RAGS, TRIAGE_DECISION_VALUES } from '$lib/triage-indicators';
import { REASON_MAX, REDIRECTED_MAX, escalationField, rationaleField, type TriageDecisionInput } from '$lib/schemas/triage';
import type { TriageOutcome } from './rules';

/**
 * What a triage decision must contain (DOMAIN.md §3 step 3), as messages keyed by the form's field
 * names. Pure: the caller supplies what only the database knows.
 */
export interface DecisionContext {
	outcome: TriageOutcome;
	state: string;
	leadIsActiveYouthWorker: boolean;
}

const QUESTION = new Map<string, string>(INDICATORS.map((i) => [i.key, i.question]));

export function decisionProblems(input: TriageDecisionInput, context: DecisionContext): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const key of context.outcome.unanswered) {
		errors[key] = `Answer “${QUESTION.get(key) ?? key}”: yes, no or not known`;
	}
	if (input.levelOfNeed === null || !Number.isInteger(input.levelOfNeed) || input.levelOfNeed < 1 || input.levelOfNeed > 4) {
		errors.levelOfNeed = 'Select the level of need';
	}
	if (!(RAGS as readonly string[]).includes(input.rag)) errors.rag = 'Select a RAG rating';
	if (!context.leadIsActiveYouthWorker) errors.leadYouthWorkerId = 'Select the lead youth worker';
	if (!(TRIAGE_DECISION_VALUES as readonly string[]).includes(input.decision)) {
		errors.decision = 'Select a decision';
	} else if (context.state === 'on_hold' && input.decision !== 'not-suitable') {
		errors.decision = 'The case is on hold: lift the hold, or decide that it is not suitable';
	}

	let escalating = 0;
	for (const agency of context.outcome.required) {
		const choice = input.escalations[agency]?.choice ?? '';
		const rationale = input.escalations[agency]?.rationale.trim() ?? '';
		const label = ESCALATION_AGENCY_LABELS[agency];
		if (choice === 'escalate') escalating++;
		else if (choice === 'decline') {
			if (!rationale) errors[rationaleField(agency)] = `Give your rationale for not escalating to ${label}`;
			else if (rationale.length > REASON_MAX) errors[rationaleField(agency)] = `The rationale must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer`;
		} else errors[escalationField(agency)] = `Select whether you will escalate to ${label}`;
	}
	if (input.decision === 'accept' && escalating > 0) {
		errors.decision = 'You will escalate: select “Accept, with an escalation running alongside” or “Hold until an escalation is answered”';
	}
	if (input.decision === 'hold' && !input.holdReason.trim()) errors.holdReason = 'Enter why the case is on hold and what it is waiting for';
	if (input.holdReason.length > REASON_MAX) errors.holdReason = `The reason must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer`;
	if (input.decision === 'not-suitable') {
		if (!input.notSuitableReason.trim()) errors.notSuitableReason = 'Enter why diversion is not suitable';
		if (!input.redirectedTo.trim()) errors.redirectedTo = 'Enter where the young person was redirected';
	}
	if (input.notSuitableReason.length > REASON_MAX) errors.notSuitableReason = `The reason must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer`;
	if (input.redirectedTo.length > REDIRECTED_MAX) errors.redirectedTo = `Where they were redirected must be ${REDIRECTED_MAX} characters or fewer`;
	return errors;
}
