/**
 * What to do now for each "yes" in the immediate safety check (DOMAIN.md §4, first rows). Pure and
 * safe for the browser, so the page shows it as soon as a "yes" is chosen, and after a save without
 * JavaScript.
 */
export interface LocalNumbersView {
	mashPhone: string;
	emergencyDutyPhone: string;
	policeNonEmergencyPhone: string;
	camhsCrisisPhone: string;
}

export interface Guidance {
	key: 'medical' | 'abuse' | 'supply' | 'other';
	heading: string;
	steps: string[];
}

export function safetyGuidance(
	answers: { medicalEmergency?: unknown; abuseDisclosure?: unknown; supplySigns?: unknown; otherRisk?: unknown },
	numbers: LocalNumbersView | null
): Guidance[] {
	const n = (value: string | undefined, fallback: string) => (value ? `${fallback} on ${value}` : fallback);
	const mash = n(numbers?.mashPhone, 'the MASH (children’s social care front door)');
	const edt = n(numbers?.emergencyDutyPhone, 'the out-of-hours emergency duty team');
	const police = n(numbers?.policeNonEmergencyPhone, 'the police non-emergency line');
	const out: Guidance[] = [];
	if (answers.medicalEmergency === 'yes') {
		out.push({
			key: 'medical',
			heading: 'Medical emergency',
			steps: ['Call 999 now and follow the call handler’s instructions.', `Then, if you think there may be neglect or exploitation, call ${mash}.`]
		});
	}
	if (answers.abuseDisclosure === 'yes') {
		out.push({
			key: 'abuse',
			heading: 'Disclosure of abuse or unexplained injuries',
			steps: [`Call ${mash} now, then send their written referral.`, `Out of hours, call ${edt}.`, 'If the child is in immediate danger, call 999.']
		});
	}
	if (answers.supplySigns === 'yes') {
		out.push({
			key: 'supply',
			heading: 'Signs of supply',
			steps: [
				`Tell the police (${police}, or 999 if anyone is in immediate danger).`,
				`Call ${mash}: a child supplying drugs may be a victim of criminal exploitation.`,
				'Supply cases are usually not suitable for diversion as simple possession. A youth worker will decide and tell you.'
			]
		});
	}
	if (answers.otherRisk === 'yes') {
		out.push({
			key: 'other',
			heading: 'Other immediate risk',
			steps: [`Follow your safeguarding procedures: call ${mash}, or 999 if anyone is in immediate danger.`, numbers?.camhsCrisisPhone ? `For a mental health crisis, call the CAMHS crisis line on ${numbers.camhsCrisisPhone}.` : 'For a mental health crisis, call the CAMHS crisis line.']
		});
	}
	return out;
}
