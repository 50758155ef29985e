import { ESCALATION_AGENCY_LABELS, type EscalationAgency } from '$lib/escalation-agencies';
import { ESCALATION_STATE_LABELS, type EscalationState } from './lifecycle';

/**
 * A chronology entry about an escalation, in words (the case page's chronology). The entry stores the
 * agency in `section` and the escalation's states in `fromState` / `toState`.
 */
export function describeEscalationEvent(e: { section: string | null; fromState: string | null; toState: string | null }): string {
	const agency = ESCALATION_AGENCY_LABELS[e.section as EscalationAgency] ?? e.section ?? 'another agency';
	const label = (state: string | null) => ESCALATION_STATE_LABELS[state as EscalationState] ?? state ?? '';
	if (!e.fromState) return e.toState === 'planned' ? `Escalation to ${agency} to be made` : `Escalation to ${agency} made`;
	if (e.fromState === e.toState) return `Escalation to ${agency} updated`;
	return `Escalation to ${agency}: ${label(e.fromState)} → ${label(e.toState)}`;
}
