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
	}),
	// The commissioner and provider report for the whole service (reports/service/).
	referralsByCameToLight: m({
		key: 'referralsByCameToLight',
		label: 'Referrals by how the incident came to light',
		numerator: 'Referrals submitted, by how the school recorded the incident came to light',
		denominator: null,
		keyedBy: 'submission',
		maturesAfterMonths: 0,
		explain: 'How the drug incidents that led to a referral were found: by a search, a disclosure, staff seeing it, or another way.'
	}),
	referralsBySchool: m({
		key: 'referralsBySchool',
		label: 'Referrals by school',
		numerator: 'Referrals submitted by each school or college',
		denominator: null,
		keyedBy: 'submission',
		maturesAfterMonths: 0,
		explain: 'Which schools and colleges are using diversion.'
	}),
	conversion: m({
		key: 'conversion',
		label: 'From referral to completion',
		numerator: 'Of the referrals submitted in the period: those with consent to take part, those assessed, those who attended a session, and those whose outcome (at any later date) was "completed"',
		denominator: 'Referrals submitted',
		keyedBy: 'submission',
		maturesAfterMonths: 4,
		explain: 'How many of the young people referred went on to be assessed, to take part and to complete the programme.'
	}),
	timeToTriage: m({
		key: 'timeToTriage',
		label: 'Time from referral to triage (median)',
		numerator: 'The middle value of the hours from submission to the first triage decision',
		denominator: 'Referrals triaged',
		keyedBy: 'submission',
		maturesAfterMonths: 0,
		explain: 'How quickly a youth worker looked at each new referral and decided what should happen.'
	}),
	timeToFirstContact: m({
		key: 'timeToFirstContact',
		label: 'Time from referral to first contact (median)',
		numerator: 'The middle value of the days from submission to the first youth-worker contact with the young person (the assessment or the first session attended, whichever came first)',
		denominator: 'Referrals with a first contact',
		keyedBy: 'submission',
		maturesAfterMonths: 2,
		explain: 'How quickly a youth worker first met the young person.'
	}),
	slaBreaches: m({
		key: 'slaBreaches',
		label: 'Time limits missed',
		numerator: 'Referrals triaged late or still waiting past the time limit; decisions not to escalate countersigned late or not yet countersigned past the limit; escalations whose time limit passed before it was met',
		denominator: null,
		keyedBy: 'submission',
		maturesAfterMonths: 0,
		explain: 'Where the service missed one of the time limits in its settings.'
	}),
	declinedEscalations: m({
		key: 'declinedEscalations',
		label: 'Required escalations declined',
		numerator: 'Referrals where a youth worker decided, with a written rationale, not to make an escalation the triage rules required',
		denominator: 'Referrals submitted',
		keyedBy: 'submission',
		maturesAfterMonths: 0,
		explain: 'Each of these was countersigned by a senior worker or an admin; they are shown so that they can be reviewed.'
	}),
	escalationOutcomes: m({
		key: 'escalationOutcomes',
		label: 'Escalations and their outcomes',
		numerator: 'Escalations sent to another agency, by agency and by whether the agency’s decision has been recorded, is awaited, or the escalation was withdrawn first',
		denominator: null,
		keyedBy: 'submission',
		maturesAfterMonths: 1,
		explain: 'Concerns passed to another agency (MASH, police, CAMHS and others), and whether a decision came back.'
	}),
	escalationsByAgency: m({
		key: 'escalationsByAgency',
		label: 'Referrals with an escalation, by agency',
		numerator: 'Referrals with at least one escalation sent to each agency (a referral can count under several agencies)',
		denominator: null,
		keyedBy: 'submission',
		maturesAfterMonths: 0,
		explain: 'Which agencies the service or the school passed concerns to.'
	}),
	onwardReferrals: m({
		key: 'onwardReferrals',
		label: 'Onward referrals',
		numerator: 'Onward referrals to other services (specialist treatment and wrap-around support) made, and those taken up',
		denominator: 'Onward referrals made (for the share taken up)',
		keyedBy: 'submission',
		maturesAfterMonths: 3,
		explain: 'Where the programme connected a young person with further help, and whether they took it up.'
	}),
	outcomes: m({
		key: 'outcomes',
		label: 'Outcomes',
		numerator: 'Cases whose outcome was recorded in the period, by outcome',
		denominator: 'Cases with any outcome recorded',
		keyedBy: 'outcome',
		maturesAfterMonths: 0,
		explain: 'How the programme ended for each young person: completed, partially completed, did not engage or withdrawn.'
	}),
	goalsAchieved: m({
		key: 'goalsAchieved',
		label: 'Goals achieved',
		numerator: 'Goals set at assessment that the youth worker recorded as achieved, by the case’s outcome',
		denominator: 'Goals set, in cases whose outcome was recorded in the period',
		keyedBy: 'outcome',
		maturesAfterMonths: 0,
		explain: 'The young people’s own goals from their assessment, and how many were met by the end of the programme.'
	}),
	followUpReturns6: m({
		key: 'followUpReturns6',
		label: 'Follow-ups at 6 months',
		numerator: 'Follow-ups at 6 months returned by the school, not returned in time, or still awaited, by the case’s outcome',
		denominator: 'Follow-ups at 6 months due',
		keyedBy: 'follow-up-6',
		maturesAfterMonths: 2,
		explain: 'Whether schools told the service how each young person was doing six months after the programme.'
	}),
	noFurtherIncident12: m({
		key: 'noFurtherIncident12',
		label: 'No further known incident at 12 months',
		numerator: 'Follow-ups at 12 months returned with no further drug incident and no police contact known to the school or provider',
		denominator: 'Follow-ups at 12 months due (returned or not: a follow-up not returned counts against)',
		keyedBy: 'follow-up-12',
		maturesAfterMonths: 0,
		explain: 'Nothing further known twelve months on. Not returned counts as not known to be clear.'
	}),
	police12: m({
		key: 'police12',
		label: 'Police contact within 12 months (known to the school or provider)',
		numerator: 'Follow-ups at 12 months recording police contact known to the school or the provider',
		denominator: 'Follow-ups at 12 months returned',
		keyedBy: 'follow-up-12',
		maturesAfterMonths: 0,
		explain: 'Only police contact that the school or the provider knows of: there may be more.'
	}),
	followUpReturns12: m({
		key: 'followUpReturns12',
		label: 'Follow-ups at 12 months',
		numerator: 'Follow-ups at 12 months returned by the school, not returned in time, or still awaited, by the case’s outcome',
		denominator: 'Follow-ups at 12 months due',
		keyedBy: 'follow-up-12',
		maturesAfterMonths: 2,
		explain: 'Whether schools told the service how each young person was doing twelve months after the programme.'
	}),
	equalityReferrals: m({
		key: 'equalityReferrals',
		label: 'Referrals by characteristic',
		numerator: 'Referrals submitted with consent to use their information for evaluation, by each characteristic as recorded at referral',
		denominator: 'Referrals submitted with consent for evaluation',
		keyedBy: 'submission',
		maturesAfterMonths: 0,
		explain: 'Who is being referred. Cases without consent for evaluation count in the totals above but not here.'
	}),
	equalityCompletions: m({
		key: 'equalityCompletions',
		label: 'Completions by characteristic',
		numerator: 'Cases with consent for evaluation whose outcome was "completed", by each characteristic as recorded at referral',
		denominator: 'Cases with consent for evaluation whose outcome was recorded in the period',
		keyedBy: 'outcome',
		maturesAfterMonths: 0,
		explain: 'Whether some groups complete the programme more or less often than others.'
	}),
	costsAvoided: m({
		key: 'costsAvoided',
		label: 'Costs avoided (estimate)',
		numerator: 'Suspension days avoided times the cost of a day’s suspension, plus permanent exclusions avoided times the cost of a permanent exclusion, using the unit costs in the service’s settings',
		denominator: null,
		keyedBy: 'submission',
		maturesAfterMonths: 0,
		explain: 'A rough estimate of public money not spent on exclusions. It assumes each exclusion would have gone ahead without diversion, which nobody can know.',
		estimate: true
	}),
	trend: m({
		key: 'trend',
		label: 'Referrals and completions over time',
		numerator: 'Referrals submitted (by submission date) and cases completed (by outcome date) in each period',
		denominator: null,
		keyedBy: 'submission',
		maturesAfterMonths: 0,
		explain: 'Whether use of the programme is growing or shrinking. Completions are counted by the date the outcome was recorded.'
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
