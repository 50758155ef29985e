/** Outcomes and goal ratings (DOMAIN.md §3 step 7), safe for the browser: values and labels. */
export const OUTCOMES = [
	{ value: 'completed', label: 'Completed', hint: 'The assessment and every core module attended.' },
	{ value: 'partially_completed', label: 'Partially completed', hint: 'Took part, but did not attend every core module.' },
	{ value: 'did_not_engage', label: 'Did not engage', hint: 'Attended no session, or a review closed the case.' },
	{ value: 'withdrawn', label: 'Withdrawn', hint: 'The young person or their family withdrew from the programme.' }
] as const;
export type Outcome = (typeof OUTCOMES)[number]['value'];
export const OUTCOME_VALUES = OUTCOMES.map((o) => o.value) as [Outcome, ...Outcome[]];
export const OUTCOME_LABELS = Object.fromEntries(OUTCOMES.map((o) => [o.value, o.label])) as Record<Outcome, string>;

export const GOAL_RATINGS = [
	{ value: 'achieved', label: 'Achieved' },
	{ value: 'partly', label: 'Partly achieved' },
	{ value: 'not', label: 'Not achieved' }
] as const;
export type GoalRating = (typeof GOAL_RATINGS)[number]['value'];
export const GOAL_RATING_VALUES = GOAL_RATINGS.map((r) => r.value) as [GoalRating, ...GoalRating[]];
export const GOAL_RATING_LABELS = Object.fromEntries(GOAL_RATINGS.map((r) => [r.value, r.label])) as Record<GoalRating, string>;

export function isOutcome(value: string | null | undefined): value is Outcome {
	return (OUTCOME_VALUES as readonly string[]).includes(value ?? '');
}
