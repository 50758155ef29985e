import { ESCALATION_AGENCY_LABELS, isEscalationAgency } from '$lib/escalation-agencies';
import { SCHOOL_DECISION_LABELS, type SchoolDecision } from '$lib/schemas/triage';
import { COUNTERSIGN_KIND_LABELS, type CountersignKind } from './countersign';

/**
 * What the chronology says for the entries triage writes (for the case page's event descriptions).
 * Null for entries triage does not own.
 */
export function describeTriageEvent(e: { kind: string; section: string | null }): string | null {
	const agency = isEscalationAgency(e.section) ? ESCALATION_AGENCY_LABELS[e.section] : null;
	switch (e.kind) {
		case 'escalation-declined':
			return `Required escalation declined: ${agency ?? e.section}`;
		case 'countersigned':
			return `Countersigned: ${agency ? `declined escalation to ${agency}` : (COUNTERSIGN_KIND_LABELS[e.section as CountersignKind] ?? e.section)}`;
		case 'school-decision':
			return `The school’s decision: ${SCHOOL_DECISION_LABELS[e.section as SchoolDecision] ?? e.section}`;
		case 'flag':
			return e.section === 'child-protection' ? 'Marked as touching child protection' : null;
		default:
			return null;
	}
}
