import { describe, expect, it } from 'vitest';
import type { IndicatorKey } from '$lib/triage-indicators';
import { triageRules, type ReferralFacts, type TriageAnswers } from './rules';

/**
 * One test per row of DOMAIN.md §4, then combinations. Every expectation is written out as a literal:
 * reading the rules table back would prove nothing.
 */
const NO_FACTS: ReferralFacts = { lookedAfter: false, hasSocialWorker: false };

const TOP_LEVEL: IndicatorKey[] = [
	'medicalEmergency',
	'abuseDisclosure',
	'supplySigns',
	'criminalExploitation',
	'weaponOrViolence',
	'mentalHealth',
	'homeConcerns',
	'lookedAfterOrSocialWorker',
	'substanceDependence',
	'policeOutcomeUnmetNeeds',
	'sexualExploitation',
	'repeatIncident'
];

/** Every top-level indicator answered no, with the given answers on top. */
function answers(yes: TriageAnswers = {}): TriageAnswers {
	return { ...Object.fromEntries(TOP_LEVEL.map((k) => [k, 'no'])), ...yes };
}

describe('each row of the triage table', () => {
	it('requires 999 for a medical emergency', () => {
		const out = triageRules(answers({ medicalEmergency: 'yes' }), NO_FACTS);
		expect(out.required).toEqual(['999']);
		expect(out.suggestedRag).toBe('red');
	});

	it('requires the MASH for a disclosure of abuse or unexplained injuries', () => {
		const out = triageRules(answers({ abuseDisclosure: 'yes' }), NO_FACTS);
		expect(out.required).toEqual(['mash']);
		expect(out.suggestedRag).toBe('red');
	});

	it('requires the police and the MASH for signs of supply, and says supply is usually not suitable', () => {
		const out = triageRules(answers({ supplySigns: 'yes' }), NO_FACTS);
		expect(out.required).toEqual(['police', 'mash']);
		expect(out.flags).toEqual(['supply-not-suitable']);
		expect(out.suggestedRag).toBe('red');
	});

	it('requires the MASH for signs of criminal exploitation, and asks whether the risk is immediate', () => {
		const out = triageRules(answers({ criminalExploitation: 'yes' }), NO_FACTS);
		expect(out.required).toEqual(['mash']);
		expect(out.unanswered).toEqual(['exploitationImmediate']);
	});

	it('adds the police when the risk from exploitation is immediate', () => {
		const out = triageRules(answers({ criminalExploitation: 'yes', exploitationImmediate: 'yes' }), NO_FACTS);
		expect(out.required).toEqual(['police', 'mash']);
		expect(out.unanswered).toEqual([]);
	});

	it('requires the police and the MASH for a weapon or threats of violence, and suggests the YOT', () => {
		const out = triageRules(answers({ weaponOrViolence: 'yes' }), NO_FACTS);
		expect(out.required).toEqual(['police', 'mash']);
		expect(out.considered).toEqual(['yot']);
	});

	it('requires CAMHS for suicidal thoughts, self-harm or psychosis-like symptoms, and asks the follow-ups', () => {
		const out = triageRules(answers({ mentalHealth: 'yes' }), NO_FACTS);
		expect(out.required).toEqual(['camhs']);
		expect(out.unanswered).toEqual(['mentalHealthImminent', 'mentalHealthHomeUnsafe']);
		expect(out.suggestedRag).toBe('amber');
	});

	it('adds 999 when the risk to life is imminent', () => {
		const out = triageRules(answers({ mentalHealth: 'yes', mentalHealthImminent: 'yes', mentalHealthHomeUnsafe: 'no' }), NO_FACTS);
		expect(out.required).toEqual(['999', 'camhs']);
		expect(out.suggestedRag).toBe('red');
	});

	it('adds the MASH when home cannot keep the young person safe', () => {
		const out = triageRules(answers({ mentalHealth: 'yes', mentalHealthImminent: 'no', mentalHealthHomeUnsafe: 'yes' }), NO_FACTS);
		expect(out.required).toEqual(['mash', 'camhs']);
	});

	it('requires the MASH for parental substance misuse, domestic abuse or neglect', () => {
		expect(triageRules(answers({ homeConcerns: 'yes' }), NO_FACTS).required).toEqual(['mash']);
	});

	it('requires the social worker when the youth worker answers that the young person has one', () => {
		const out = triageRules(answers({ lookedAfterOrSocialWorker: 'yes' }), NO_FACTS);
		expect(out.required).toEqual(['social-worker']);
		expect(out.flags).toEqual([]);
		expect(out.suggestedRag).toBe('amber');
	});

	it('requires the social worker and flags the Virtual School Head for a looked-after child, even if answered no', () => {
		const out = triageRules(answers(), { lookedAfter: true, hasSocialWorker: false });
		expect(out.required).toEqual(['social-worker']);
		expect(out.flags).toEqual(['inform-virtual-school-head']);
	});

	it('requires the social worker when the referral says there is a child-in-need or protection plan', () => {
		const out = triageRules(answers(), { lookedAfter: false, hasSocialWorker: true });
		expect(out.required).toEqual(['social-worker']);
		expect(out.flags).toEqual([]);
	});

	it('requires the substance service and the GP for daily or dependent use, injecting or class A use', () => {
		const out = triageRules(answers({ substanceDependence: 'yes' }), NO_FACTS);
		expect(out.required).toEqual(['gp', 'substance-service']);
		expect(out.suggestedRag).toBe('amber');
	});

	it('requires the YOT for a young person with a police outcome and other unmet needs', () => {
		expect(triageRules(answers({ policeOutcomeUnmetNeeds: 'yes' }), NO_FACTS).required).toEqual(['yot']);
	});

	it('requires the MASH and the police for signs of sexual exploitation or an older partner supplying drugs', () => {
		const out = triageRules(answers({ sexualExploitation: 'yes' }), NO_FACTS);
		expect(out.required).toEqual(['police', 'mash']);
		expect(out.suggestedRag).toBe('red');
	});

	it('requires nothing for a repeat incident but flags a review with the headteacher and suggests Early Help or the YOT', () => {
		const out = triageRules(answers({ repeatIncident: 'yes' }), NO_FACTS);
		expect(out.required).toEqual([]);
		expect(out.considered).toEqual(['yot', 'early-help']);
		expect(out.flags).toEqual(['review-with-headteacher']);
		expect(out.suggestedRag).toBe('amber');
	});

	it('requires nothing and suggests green when every answer is no', () => {
		expect(triageRules(answers(), NO_FACTS)).toEqual({
			required: [],
			considered: [],
			flags: [],
			suggestedRag: 'green',
			unanswered: [],
			unknown: []
		});
	});
});

describe('combinations and edge cases', () => {
	it('lists an agency once however many answers require it, most urgent first', () => {
		const out = triageRules(
			answers({ abuseDisclosure: 'yes', supplySigns: 'yes', homeConcerns: 'yes', sexualExploitation: 'yes', medicalEmergency: 'yes' }),
			NO_FACTS
		);
		expect(out.required).toEqual(['999', 'police', 'mash']);
	});

	it('gives 999 then the MASH for a medical emergency with neglect at home', () => {
		expect(triageRules(answers({ medicalEmergency: 'yes', homeConcerns: 'yes' }), NO_FACTS).required).toEqual(['999', 'mash']);
	});

	it('gives 999, the police and the MASH for a medical emergency with immediate exploitation risk', () => {
		expect(triageRules(answers({ medicalEmergency: 'yes', criminalExploitation: 'yes', exploitationImmediate: 'yes' }), NO_FACTS).required).toEqual([
			'999',
			'police',
			'mash'
		]);
	});

	it('does not suggest the YOT as an option when another answer already requires it', () => {
		const out = triageRules(answers({ weaponOrViolence: 'yes', policeOutcomeUnmetNeeds: 'yes', repeatIncident: 'yes' }), NO_FACTS);
		expect(out.required).toEqual(['police', 'mash', 'yot']);
		expect(out.considered).toEqual(['early-help']);
		expect(out.flags).toEqual(['review-with-headteacher']);
	});

	it('combines substance dependence, mental health and a looked-after child', () => {
		const out = triageRules(answers({ substanceDependence: 'yes', mentalHealth: 'yes', mentalHealthImminent: 'no', mentalHealthHomeUnsafe: 'no' }), {
			lookedAfter: true,
			hasSocialWorker: true
		});
		expect(out.required).toEqual(['camhs', 'gp', 'substance-service', 'social-worker']);
		expect(out.flags).toEqual(['inform-virtual-school-head']);
		expect(out.suggestedRag).toBe('amber');
	});

	it('ignores a follow-up answered yes when the indicator it follows is no', () => {
		const out = triageRules(answers({ criminalExploitation: 'no', exploitationImmediate: 'yes', mentalHealth: 'no', mentalHealthImminent: 'yes' }), NO_FACTS);
		expect(out.required).toEqual([]);
		expect(out.suggestedRag).toBe('green');
	});

	it('requires nothing for "not known" but suggests amber and lists what is not known', () => {
		const out = triageRules(answers({ homeConcerns: 'unknown', criminalExploitation: 'unknown' }), NO_FACTS);
		expect(out.required).toEqual([]);
		expect(out.unknown).toEqual(['criminalExploitation', 'homeConcerns']);
		expect(out.suggestedRag).toBe('amber');
	});

	it('lists every unanswered indicator of an empty triage, and no follow-ups', () => {
		expect(triageRules({}, NO_FACTS).unanswered).toEqual([
			'medicalEmergency',
			'abuseDisclosure',
			'supplySigns',
			'criminalExploitation',
			'weaponOrViolence',
			'mentalHealth',
			'homeConcerns',
			'lookedAfterOrSocialWorker',
			'substanceDependence',
			'policeOutcomeUnmetNeeds',
			'sexualExploitation',
			'repeatIncident'
		]);
	});
});
