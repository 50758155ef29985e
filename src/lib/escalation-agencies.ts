/**
 * The agencies a case can be escalated to (DOMAIN.md §3 step 4, §4), safe for the browser. The one list
 * used by the triage rules, the triage form and escalation records. The order is the order of urgency in
 * which required escalations are shown.
 */
export const ESCALATION_AGENCIES = [
	{ value: '999', label: '999 (emergency services)', hint: 'Call now when life is at risk.' },
	{ value: 'police', label: 'Police', hint: 'Non-emergency line, or 999 if anyone is in immediate danger.' },
	{ value: 'mash', label: 'MASH (children’s social care front door)', hint: 'Phone, then the written referral within 24 hours.' },
	{ value: 'yot', label: 'YOT / youth justice service', hint: 'Including prevention and Turnaround.' },
	{ value: 'camhs', label: 'CAMHS', hint: 'Same-day crisis line for an urgent mental health concern.' },
	{ value: 'gp', label: 'GP', hint: 'The young person’s GP practice.' },
	{ value: 'substance-service', label: 'Specialist young people’s substance service', hint: 'For daily or dependent use, injecting or class A use.' },
	{ value: 'early-help', label: 'Early Help', hint: 'The local authority’s early help offer.' },
	{
		value: 'social-worker',
		label: 'The child’s existing social worker (and the Virtual School Head for a looked-after child)',
		hint: 'For a looked-after child, also tell the Virtual School Head.'
	}
] as const;

export type EscalationAgency = (typeof ESCALATION_AGENCIES)[number]['value'];

export const ESCALATION_AGENCY_VALUES = ESCALATION_AGENCIES.map((a) => a.value) as [EscalationAgency, ...EscalationAgency[]];

export const ESCALATION_AGENCY_LABELS = Object.fromEntries(ESCALATION_AGENCIES.map((a) => [a.value, a.label])) as Record<
	EscalationAgency,
	string
>;

export function isEscalationAgency(value: unknown): value is EscalationAgency {
	return typeof value === 'string' && (ESCALATION_AGENCY_VALUES as readonly string[]).includes(value);
}
