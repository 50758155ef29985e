import { CAME_TO_LIGHT, ETHNICITY_GROUPS, SEN_PROVISION, SEX, SOCIAL_WORKER } from '$lib/codes';
import { ESCALATION_AGENCIES } from '$lib/escalation-agencies';
import { OUTCOMES } from '$lib/outcomes';
import { YEAR_GROUPS } from '$lib/referral-options';
import type { BreakdownKey } from '../aggregates';

/**
 * The fixed groups of every breakdown in the service report. Fixed, not taken from the data, so the
 * service and each school publish the same figures (each service figure is the sum of the schools'),
 * and every record has a group: a missing value counts under "Not recorded".
 */
export interface Group {
	value: string;
	label: string;
}

export const NOT_RECORDED: Group = { value: 'not_recorded', label: 'Not recorded' };

export const CAME_TO_LIGHT_GROUPS: readonly Group[] = [...CAME_TO_LIGHT, NOT_RECORDED];

export const OUTCOME_GROUPS: readonly Group[] = OUTCOMES.map((o) => ({ value: o.value, label: o.label }));

/** The outcomes that are followed up (follow-ups/settle.ts): completers, partial completers and non-engagers. */
export const FOLLOWED_GROUPS: readonly Group[] = OUTCOME_GROUPS.filter((o) => o.value !== 'withdrawn');

/** Those who engaged: completed or partially completed (DOMAIN.md §5 "those who engaged"). */
export const ENGAGED = ['completed', 'partially_completed'] as const;

export const AGENCY_GROUPS: readonly Group[] = ESCALATION_AGENCIES.map((a) => ({ value: a.value, label: a.label }));

const yesNo: readonly Group[] = [
	{ value: 'yes', label: 'Yes' },
	{ value: 'no', label: 'No' },
	NOT_RECORDED
];

export const CHARACTERISTICS: readonly { key: BreakdownKey; label: string; groups: readonly Group[] }[] = [
	{ key: 'ethnicityGroup', label: 'Ethnicity (major group)', groups: [...ETHNICITY_GROUPS.map((g) => ({ value: g, label: g })), NOT_RECORDED] },
	{ key: 'sen', label: 'Special educational needs provision', groups: [...SEN_PROVISION, NOT_RECORDED] },
	{ key: 'fsm', label: 'Free school meals', groups: yesNo },
	{ key: 'lookedAfter', label: 'Looked after', groups: yesNo },
	{ key: 'socialWorker', label: 'Has a social worker', groups: [...SOCIAL_WORKER, NOT_RECORDED] },
	{ key: 'sex', label: 'Sex', groups: [...SEX, NOT_RECORDED] },
	{
		key: 'yearGroup',
		label: 'Year group',
		groups: [...YEAR_GROUPS.map((y) => ({ value: y, label: y === 'none' ? 'Not in a year group (college)' : `Year ${y}` })), NOT_RECORDED]
	}
];

/** A stored value as its group: booleans as yes/no, a missing or unknown value as not recorded. */
export function groupOf(value: unknown, groups: readonly Group[]): string {
	const text = value === true || value === 1 ? 'yes' : value === false || value === 0 ? 'no' : value === null || value === undefined ? '' : String(value);
	return groups.some((g) => g.value === text) ? text : NOT_RECORDED.value;
}
