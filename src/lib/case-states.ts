/** Case states (DOMAIN.md §3), safe for the browser: labels and tag colours for display. */
export const CASE_STATES = [
	'draft',
	'submitted',
	'in_triage',
	'on_hold',
	'accepted',
	'not_suitable',
	'in_assessment',
	'in_programme',
	'completed',
	'partially_completed',
	'did_not_engage',
	'withdrawn',
	'follow_up_due',
	'closed'
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_LABELS: Record<CaseState, string> = {
	draft: 'Draft',
	submitted: 'Submitted',
	in_triage: 'In triage',
	on_hold: 'On hold',
	accepted: 'Accepted',
	not_suitable: 'Not suitable',
	in_assessment: 'In assessment',
	in_programme: 'In programme',
	completed: 'Completed',
	partially_completed: 'Partially completed',
	did_not_engage: 'Did not engage',
	withdrawn: 'Withdrawn',
	follow_up_due: 'Follow-up due',
	closed: 'Closed'
};

/** GOV.UK tag colour modifiers. */
export const CASE_STATE_TAGS: Record<CaseState, string> = {
	draft: 'grey',
	submitted: 'blue',
	in_triage: 'light-blue',
	on_hold: 'orange',
	accepted: 'turquoise',
	not_suitable: 'red',
	in_assessment: 'purple',
	in_programme: 'purple',
	completed: 'green',
	partially_completed: 'yellow',
	did_not_engage: 'pink',
	withdrawn: 'grey',
	follow_up_due: 'yellow',
	closed: 'grey'
};
