/**
 * The triage indicators of DOMAIN.md §4, as the youth worker is asked them. Safe for the browser.
 * What each answer requires lives in one place, src/lib/triage-rules.ts.
 *
 * A few rows of §4 carry a condition ("police if risk is immediate", "999 if imminent", "MASH if home
 * cannot keep the child safe"): each condition is its own follow-up indicator with a `parent`. A
 * follow-up is asked, and counts, only when its parent is answered yes.
 */
export const INDICATORS = [
	{
		key: 'medicalEmergency',
		question: 'Does the young person need emergency medical help?',
		hint: 'Intoxicated and unresponsive, breathing problems, a seizure, chest pain, a suspected overdose, or swallowed packages.'
	},
	{
		key: 'abuseDisclosure',
		question: 'Has there been a disclosure of abuse, or are there unexplained injuries?',
		hint: 'The MASH is phoned immediately, then sent the written referral.'
	},
	{
		key: 'supplySigns',
		question: 'Are there signs of supply?',
		hint: 'A quantity or packaging that suggests supply; cash, scales, or a deal-line phone. A child supplying drugs may be a victim of exploitation.'
	},
	{
		key: 'criminalExploitation',
		question: 'Are there signs of criminal exploitation or county lines?',
		hint: 'Missing episodes, found out of area, unexplained money or goods, older controlling associates, several phones, drug debt.'
	},
	{
		key: 'exploitationImmediate',
		parent: 'criminalExploitation',
		question: 'Is the risk from exploitation immediate?',
		hint: 'Answer this if there are signs of criminal exploitation.'
	},
	{
		key: 'weaponOrViolence',
		question: 'Has the young person carried a weapon or made threats of violence?',
		hint: 'The police first, then the MASH; consider the YOT.'
	},
	{
		key: 'mentalHealth',
		question: 'Are there suicidal thoughts, recent self-harm or psychosis-like symptoms?',
		hint: 'Same-day CAMHS crisis line, or the GP when CAMHS crisis cannot respond the same day.'
	},
	{
		key: 'mentalHealthImminent',
		parent: 'mentalHealth',
		question: 'Is the risk to their life imminent?',
		hint: 'Answer this if there are suicidal thoughts, self-harm or psychosis-like symptoms. If yes, call 999.'
	},
	{
		key: 'mentalHealthHomeUnsafe',
		parent: 'mentalHealth',
		question: 'Is home unable to keep them safe?',
		hint: 'Answer this if there are suicidal thoughts, self-harm or psychosis-like symptoms.'
	},
	{
		key: 'homeConcerns',
		question: 'Is there parental substance misuse, domestic abuse at home, or neglect?'
	},
	{
		key: 'lookedAfterOrSocialWorker',
		question: 'Is the young person looked after, or do they have a social worker?',
		hint: 'Filled in from the referral. Their social worker is told; for a looked-after child, the Virtual School Head too.'
	},
	{
		key: 'substanceDependence',
		question: 'Is there daily or dependent use, injecting, or class A use?'
	},
	{
		key: 'policeOutcomeUnmetNeeds',
		question: 'Does the young person already have a police outcome, and other unmet needs?',
		hint: 'A community resolution, Outcome 22, or no further action.'
	},
	{
		key: 'sexualExploitation',
		question: 'Are there signs of sexual exploitation, or an older partner supplying drugs?'
	},
	{
		key: 'repeatIncident',
		question: 'Is this a repeat drug incident after diversion?',
		hint: 'Filled in from the young person’s earlier referrals in this service.'
	}
] as const satisfies readonly { key: string; question: string; hint?: string; parent?: string }[];

export type IndicatorKey = (typeof INDICATORS)[number]['key'];

export interface IndicatorInfo {
	key: IndicatorKey;
	question: string;
	hint?: string;
	parent?: IndicatorKey;
}

/** The same list, typed for display (every entry may have a hint and a parent). */
export const INDICATOR_INFO: readonly IndicatorInfo[] = INDICATORS;

export const INDICATOR_KEYS = INDICATORS.map((i) => i.key) as [IndicatorKey, ...IndicatorKey[]];

/** The follow-up indicators and the indicator each follows. */
export const INDICATOR_PARENTS: Partial<Record<IndicatorKey, IndicatorKey>> = Object.fromEntries(
	INDICATORS.flatMap((i) => ('parent' in i ? [[i.key, i.parent]] : []))
);

export const ANSWERS = ['yes', 'no', 'unknown'] as const;
export type Answer = (typeof ANSWERS)[number];

export const ANSWER_OPTIONS = [
	{ value: 'yes', label: 'Yes' },
	{ value: 'no', label: 'No' },
	{ value: 'unknown', label: 'Not known' }
] as const;

export const RAGS = ['red', 'amber', 'green'] as const;
export type Rag = (typeof RAGS)[number];

export const RAG_OPTIONS = [
	{ value: 'red', label: 'Red' },
	{ value: 'amber', label: 'Amber' },
	{ value: 'green', label: 'Green' }
] as const;

export const LEVELS_OF_NEED = [
	{ value: '1', label: '1 – universal' },
	{ value: '2', label: '2 – early help' },
	{ value: '3', label: '3 – child in need' },
	{ value: '4', label: '4 – child protection' }
] as const;

export const TRIAGE_DECISIONS = [
	{ value: 'accept', label: 'Accept', hint: 'The case moves on to assessment.' },
	{ value: 'accept-with-escalation', label: 'Accept, with an escalation running alongside', hint: 'The case moves on while the escalation runs.' },
	{ value: 'hold', label: 'Hold until an escalation is answered', hint: 'The case waits until every escalation has an answer, or a youth worker lifts the hold with a reason.' },
	{ value: 'not-suitable', label: 'Not suitable for diversion', hint: 'Give the reason and where the young person was redirected. The school is told, and a senior youth worker countersigns.' }
] as const;
export type TriageDecision = (typeof TRIAGE_DECISIONS)[number]['value'];
export const TRIAGE_DECISION_VALUES = TRIAGE_DECISIONS.map((d) => d.value) as [TriageDecision, ...TriageDecision[]];
export const TRIAGE_DECISION_LABELS = Object.fromEntries(TRIAGE_DECISIONS.map((d) => [d.value, d.label])) as Record<TriageDecision, string>;

export function isFollowUp(key: IndicatorKey): boolean {
	return INDICATOR_PARENTS[key] !== undefined;
}
