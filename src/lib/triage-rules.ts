import { ESCALATION_AGENCY_VALUES, type EscalationAgency } from './escalation-agencies';
import { INDICATOR_KEYS, INDICATOR_PARENTS, type Answer, type IndicatorKey, type Rag } from './triage-indicators';

/**
 * The triage rules of DOMAIN.md §4 as data, and the one pure function that reads them. Safe for the
 * browser: the triage form shows the required escalations as the answers change, and the server
 * decides with the same function.
 *
 * How the rows of §4 become data:
 * - each indicator answered yes requires the agencies in `requires`; `considers` are agencies to
 *   consider (no rationale is needed to leave them out);
 * - "999 now; then MASH if neglect or exploitation": 999 here; the MASH comes from the neglect
 *   (homeConcerns) and exploitation indicators, which require it on their own;
 * - "MASH; police if risk is immediate" and the conditions on the mental-health row are follow-up
 *   indicators (see triage-indicators.ts) with their own requirements, counted only when the
 *   indicator they follow is yes;
 * - "police, then MASH / YOT" for a weapon: police and MASH required, the YOT considered;
 * - "same-day CAMHS crisis or GP": CAMHS required (the GP is the route when CAMHS crisis cannot
 *   respond the same day, recorded on the escalation itself);
 * - "looked after, or has a social worker": the indicator, or the referral's own facts (looked after;
 *   a child-in-need or child-protection plan), require the social worker; looked after also flags the
 *   Virtual School Head;
 * - "repeat drug incident": no required escalation; a review with the headteacher, and Early Help or
 *   YOT prevention considered;
 * - "unknown" never requires an escalation by itself, but keeps the rating at least amber.
 */
export interface IndicatorRule {
	indicator: IndicatorKey;
	requires: readonly EscalationAgency[];
	considers?: readonly EscalationAgency[];
	flags?: readonly TriageFlag[];
}

export const TRIAGE_FLAGS = {
	'supply-not-suitable': 'Signs of supply: usually not suitable for diversion as simple possession. Redirect to the police or YOT if so.',
	'review-with-headteacher': 'A repeat drug incident after diversion: review with the headteacher.',
	'inform-virtual-school-head': 'Looked after: tell the Virtual School Head as well as the social worker.'
} as const;
export type TriageFlag = keyof typeof TRIAGE_FLAGS;

export const TRIAGE_RULES: readonly IndicatorRule[] = [
	{ indicator: 'medicalEmergency', requires: ['999'] },
	{ indicator: 'abuseDisclosure', requires: ['mash'] },
	{ indicator: 'supplySigns', requires: ['police', 'mash'], flags: ['supply-not-suitable'] },
	{ indicator: 'criminalExploitation', requires: ['mash'] },
	{ indicator: 'exploitationImmediate', requires: ['police'] },
	{ indicator: 'weaponOrViolence', requires: ['police', 'mash'], considers: ['yot'] },
	{ indicator: 'mentalHealth', requires: ['camhs'] },
	{ indicator: 'mentalHealthImminent', requires: ['999'] },
	{ indicator: 'mentalHealthHomeUnsafe', requires: ['mash'] },
	{ indicator: 'homeConcerns', requires: ['mash'] },
	{ indicator: 'lookedAfterOrSocialWorker', requires: ['social-worker'] },
	{ indicator: 'substanceDependence', requires: ['substance-service', 'gp'] },
	{ indicator: 'policeOutcomeUnmetNeeds', requires: ['yot'] },
	{ indicator: 'sexualExploitation', requires: ['mash', 'police'] },
	{ indicator: 'repeatIncident', requires: [], considers: ['early-help', 'yot'], flags: ['review-with-headteacher'] }
];

/** Facts from the referral that require an escalation whatever the answers. */
export interface ReferralFacts {
	lookedAfter: boolean;
	/** A child-in-need or child-protection plan. */
	hasSocialWorker: boolean;
}

export const FACT_RULES: readonly { fact: keyof ReferralFacts; requires: readonly EscalationAgency[]; flags?: readonly TriageFlag[] }[] = [
	{ fact: 'lookedAfter', requires: ['social-worker'], flags: ['inform-virtual-school-head'] },
	{ fact: 'hasSocialWorker', requires: ['social-worker'] }
];

/** Agencies whose escalation makes the suggested rating red. */
export const RED_AGENCIES: readonly EscalationAgency[] = ['999', 'police', 'mash'];

export type TriageAnswers = Partial<Record<IndicatorKey, Answer | '' | null | undefined>>;

export interface TriageOutcome {
	/** Escalations the answers require, each once, most urgent first (the order of ESCALATION_AGENCIES). */
	required: EscalationAgency[];
	/** Agencies to consider, not required (none that is already required). */
	considered: EscalationAgency[];
	flags: TriageFlag[];
	/**
	 * Red when 999, the police or the MASH is required; amber when any other escalation is required or
	 * considered, a flag is raised, or any indicator asked is answered "not known"; green otherwise.
	 */
	suggestedRag: Rag;
	/** Indicators that must still be answered before a decision (follow-ups only when their parent is yes). */
	unanswered: IndicatorKey[];
	unknown: IndicatorKey[];
}

/** Whether an indicator is asked, given the other answers: follow-ups only after a yes to their parent. */
export function isAsked(key: IndicatorKey, answers: TriageAnswers): boolean {
	const parent = INDICATOR_PARENTS[key];
	return parent === undefined || answers[parent] === 'yes';
}

function ordered<T extends EscalationAgency>(agencies: Set<T>): T[] {
	return (ESCALATION_AGENCY_VALUES as readonly EscalationAgency[]).filter((a): a is T => agencies.has(a as T));
}

export function triageRules(answers: TriageAnswers, facts: ReferralFacts): TriageOutcome {
	const required = new Set<EscalationAgency>();
	const considered = new Set<EscalationAgency>();
	const flags = new Set<TriageFlag>();
	for (const rule of TRIAGE_RULES) {
		if (answers[rule.indicator] !== 'yes' || !isAsked(rule.indicator, answers)) continue;
		for (const agency of rule.requires) required.add(agency);
		for (const agency of rule.considers ?? []) considered.add(agency);
		for (const flag of rule.flags ?? []) flags.add(flag);
	}
	for (const rule of FACT_RULES) {
		if (!facts[rule.fact]) continue;
		for (const agency of rule.requires) required.add(agency);
		for (const flag of rule.flags ?? []) flags.add(flag);
	}
	for (const agency of required) considered.delete(agency);

	const asked = INDICATOR_KEYS.filter((key) => isAsked(key, answers));
	const unanswered = asked.filter((key) => !answers[key]);
	const unknown = asked.filter((key) => answers[key] === 'unknown');
	const requiredList = ordered(required);
	const suggestedRag: Rag = requiredList.some((a) => RED_AGENCIES.includes(a))
		? 'red'
		: requiredList.length > 0 || considered.size > 0 || flags.size > 0 || unknown.length > 0
			? 'amber'
			: 'green';
	const flagOrder = Object.keys(TRIAGE_FLAGS) as TriageFlag[];
	return {
		required: requiredList,
		considered: ordered(considered),
		flags: flagOrder.filter((f) => flags.has(f)),
		suggestedRag,
		unanswered,
		unknown
	};
}
