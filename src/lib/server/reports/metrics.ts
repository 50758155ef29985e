/**
 * Every figure a report shows, with its one written definition (DOMAIN.md §5): what is counted, out
 * of what, and which date puts a case in the period. The definitions are shown beside the figures,
 * and the SQL in figures.ts follows them. Counts, never pupils.
 */
export type DateKey = 'submission' | 'outcome' | 'follow-up-6' | 'follow-up-12';

export const DATE_KEY_LABELS: Record<DateKey, string> = {
	submission: 'the date the school submitted the referral',
	outcome: 'the date the outcome was recorded',
	'follow-up-6': 'the date the 6-month follow-up fell due',
	'follow-up-12': 'the date the 12-month follow-up fell due'
};

export interface MetricDefinition {
	key: string;
	label: string;
	/** What is counted. */
	numerator: string;
	/** Out of what; null for a plain count. */
	denominator: string | null;
	keyedBy: DateKey;
	/** Months after the key date before every case in a period can have it (maturity). */
	maturesAfterMonths: number;
	/** The plain-English line shown with the figure. */
	explain: string;
	/** An estimate, labelled so (DOMAIN.md §5: suspension days avoided). */
	estimate?: true;
}

const m = (d: MetricDefinition) => d;

export const METRICS = {
	referrals: m({ key: 'referrals', label: 'Referrals', numerator: 'Referrals submitted', denominator: null, keyedBy: 'submission', maturesAfterMonths: 0, explain: 'How many pupils the school referred to diversion instead of excluding them.' }),
	insteadOfSuspension: m({
		key: 'insteadOfSuspension',
		label: 'Instead of a suspension',
		numerator: 'Referrals where the headteacher chose diversion instead of a suspension',
		denominator: null,
		keyedBy: 'submission',
		maturesAfterMonths: 0,
		explain: 'Diversion chosen where the pupil would otherwise have been suspended.'
	}),
	insteadOfPermanentExclusion: m({
		key: 'insteadOfPermanentExclusion',
		label: 'Instead of permanent exclusion',
		numerator: 'Referrals where the headteacher chose diversion instead of permanent exclusion',
		denominator: null,
		keyedBy: 'submission',
		maturesAfterMonths: 0,
		explain: 'Diversion chosen where the pupil would otherwise have been permanently excluded.'
	}),
	alongsideSuspension: m({
		key: 'alongsideSuspension',
		label: 'Alongside a shorter suspension',
		numerator: 'Referrals where diversion came with a shorter suspension',
		denominator: null,
		keyedBy: 'submission',
		maturesAfterMonths: 0,
		explain: 'Diversion alongside a suspension shorter than the one that would have applied.'
	}),
	suspensionDaysAvoided: m({
		key: 'suspensionDaysAvoided',
		label: 'Suspension days avoided (estimate)',
		numerator:
			'The would-be suspension days the school recorded, less the days of any shorter suspension, less the days of a suspension that went ahead when diversion did not',
		denominator: null,
		keyedBy: 'submission',
		maturesAfterMonths: 0,
		explain: 'An estimate from the days the school recorded at referral: what would have happened is never known for certain.',
		estimate: true
	}),
	permanentExclusionsAvoided: m({
		key: 'permanentExclusionsAvoided',
		label: 'Permanent exclusions avoided',
		numerator: 'Referrals instead of permanent exclusion, less those where the school excluded after all',
		denominator: null,
		keyedBy: 'submission',
		maturesAfterMonths: 0,
		explain: 'Pupils still at the school whom it would otherwise have permanently excluded.'
	}),
	consents: m({
		key: 'consents',
		label: 'Consent to take part',
		numerator: 'Referrals with the consent the programme needs (a parent or carer under 16, the young person from 16)',
		denominator: 'Referrals submitted',
		keyedBy: 'submission',
		maturesAfterMonths: 0,
		explain: 'The programme is voluntary: this is how many families and young people agreed.'
	}),
	assessments: m({
		key: 'assessments',
		label: 'Assessments',
		numerator: 'Referrals whose assessment was completed',
		denominator: 'Referrals submitted',
		keyedBy: 'submission',
		maturesAfterMonths: 2,
		explain: 'How many young people a youth worker met and assessed.'
	}),
	completions: m({
		key: 'completions',
		label: 'Completed the programme',
		numerator: 'Cases whose outcome was "completed"',
		denominator: 'Cases with any outcome recorded',
		keyedBy: 'outcome',
		maturesAfterMonths: 0,
		explain: 'Of the young people whose programme ended in the period, how many completed it.'
	}),
	medianDaysIncidentToFirstSession: m({
		key: 'medianDaysIncidentToFirstSession',
		label: 'Days from incident to first session (median)',
		numerator: 'The middle value of the days from the incident to the first session attended',
		denominator: 'Referrals with a session attended',
		keyedBy: 'submission',
		maturesAfterMonths: 3,
		explain: 'How quickly support started after the incident.'
	}),
	escalations: m({
		key: 'escalations',
		label: 'Safeguarding escalations',
		numerator: 'Referrals with an escalation made to each agency',
		denominator: null,
		keyedBy: 'submission',
		maturesAfterMonths: 0,
		explain: 'Where a youth worker or the school passed a concern to another agency.'
	}),
	repeatIncident6: m({
		key: 'repeatIncident6',
		label: 'Further drug incident within 6 months',
		numerator: 'Follow-ups at 6 months recording a further drug incident at school',
		denominator: 'Follow-ups at 6 months returned',
		keyedBy: 'follow-up-6',
		maturesAfterMonths: 0,
		explain: 'What the school knew of further drug incidents six months after the programme ended.'
	}),
	suspension6: m({
		key: 'suspension6',
		label: 'Suspended within 6 months',
		numerator: 'Follow-ups at 6 months recording a suspension for any reason',
		denominator: 'Follow-ups at 6 months returned',
		keyedBy: 'follow-up-6',
		maturesAfterMonths: 0,
		explain: 'Suspensions for any reason in the six months after the programme.'
	}),
	noFurtherIncident6: m({
		key: 'noFurtherIncident6',
		label: 'No further known incident at 6 months',
		numerator: 'Follow-ups at 6 months returned with no further drug incident and no police contact known to the school or provider',
		denominator: 'Follow-ups at 6 months due (returned or not: a follow-up not returned counts against)',
		keyedBy: 'follow-up-6',
		maturesAfterMonths: 0,
		explain: 'The programme’s headline measure: nothing further known six months on. Not returned counts as not known to be clear.'
	}),
	police6: m({
		key: 'police6',
		label: 'Police contact within 6 months (known to the school or provider)',
		numerator: 'Follow-ups at 6 months recording police contact known to the school or the provider',
		denominator: 'Follow-ups at 6 months returned',
		keyedBy: 'follow-up-6',
		maturesAfterMonths: 0,
		explain: 'Only police contact that the school or the provider knows of: there may be more.'
	}),
	repeatIncident12: m({
		key: 'repeatIncident12',
		label: 'Further drug incident within 12 months',
		numerator: 'Follow-ups at 12 months recording a further drug incident at school',
		denominator: 'Follow-ups at 12 months returned',
		keyedBy: 'follow-up-12',
		maturesAfterMonths: 0,
		explain: 'What the school knew of further drug incidents twelve months after the programme ended.'
	}),
	suspension12: m({
		key: 'suspension12',
		label: 'Suspended within 12 months',
		numerator: 'Follow-ups at 12 months recording a suspension for any reason',
		denominator: 'Follow-ups at 12 months returned',
		keyedBy: 'follow-up-12',
		maturesAfterMonths: 0,
		explain: 'Suspensions for any reason in the twelve months after the programme.'
	})
} as const satisfies Record<string, MetricDefinition>;

export type MetricKey = keyof typeof METRICS;

/** The definition line printed beside a figure: "Counted: …; out of: …; in the period by …". */
export function definitionLine(metric: MetricDefinition): string {
	const parts = [`Counted: ${metric.numerator}`];
	if (metric.denominator) parts.push(`out of: ${metric.denominator}`);
	parts.push(`a case is in the period by ${DATE_KEY_LABELS[metric.keyedBy]}`);
	return `${parts.join('; ')}.`;
}

/** Said on every report: there is no control group, so no comparison here shows cause and effect. */
export const NOT_CAUSAL =
	'There is no control group: nobody knows what would have happened to these young people without diversion. Comparisons between groups or periods show differences, not what caused them.';
