import type { Actor } from '$lib/server/auth/actor';
import { saveSection } from '$lib/server/referrals/drafts';
import { startReferral } from '$lib/server/referrals/drafts';
import { SECTIONS, sectionOf, type SectionKey } from '$lib/schemas/referral/sections';

/** Answers that pass every section's validation: a plainly synthetic pupil. */
export function validAnswers(overrides: Partial<Record<SectionKey, Record<string, unknown>>> = {}): Record<SectionKey, Record<string, unknown>> {
	const base: Record<SectionKey, Record<string, unknown>> = {
		safety: { medicalEmergency: 'no', abuseDisclosure: 'no', supplySigns: 'no', otherRisk: 'no', otherRiskDetail: '', actionTaken: '' },
		pupil: {
			legalForename: 'Testy',
			legalSurname: 'Pupilson',
			preferredName: '',
			dobDay: '14',
			dobMonth: '3',
			dobYear: '2012',
			yearGroup: '9',
			upn: '',
			sex: 'F',
			ethnicity: 'WBRI',
			sen: 'N',
			fsm: 'no',
			lookedAfter: 'no',
			socialWorker: 'none',
			youngCarer: 'no',
			firstLanguage: 'English',
			interpreter: 'no',
			addressLine1: '1 Example Street',
			addressLine2: '',
			town: 'Testtown',
			postcode: 'TE1 1ST',
			gpPractice: 'Example Surgery',
			phone: ''
		},
		family: {
			contact1Name: 'Parent Pupilson',
			contact1Relationship: 'Mother',
			contact1Phone: '01632 960001',
			contact1Email: '',
			contact1Responsibility: 'yes'
		},
		incident: {
			incidentDay: '2',
			incidentMonth: '11',
			incidentYear: '2026',
			incidentTime: '10:15',
			place: 'Science block',
			cameToLight: 'search',
			cameToLightDetail: '',
			substances: ['cannabis'],
			substanceOther: '',
			substanceDescription: 'Small bag of green plant material',
			quantity: 'About 1 gram',
			itemOutcome: 'disposed',
			itemPoliceReference: '',
			witness1: 'Teacher One',
			witness2: 'Teacher Two',
			policeInformed: 'no',
			policeReference: '',
			policeOfficer: '',
			policeOutcome: ''
		},
		decision: {
			decision: 'instead_of_suspension',
			wouldBeDays: '3',
			actualDays: '',
			decidedBy: 'Headteacher',
			decidedDay: '3',
			decidedMonth: '11',
			decidedYear: '2026'
		},
		consent: {
			parentConsent: 'yes',
			parentConsentBy: 'Parent Pupilson',
			parentConsentMethod: 'phone',
			parentConsentDay: '3',
			parentConsentMonth: '11',
			parentConsentYear: '2026',
			gillickReason: '',
			youngPersonAgreed: 'yes',
			youngPersonMethod: 'in_person',
			youngPersonDay: '3',
			youngPersonMonth: '11',
			youngPersonYear: '2026',
			shareProgress: 'yes',
			shareProgressBy: 'parent',
			shareProgressMethod: 'phone',
			shareProgressDay: '3',
			shareProgressMonth: '11',
			shareProgressYear: '2026',
			evaluation: 'no',
			evaluationBy: '',
			evaluationMethod: '',
			evaluationDay: '',
			evaluationMonth: '',
			evaluationYear: ''
		}
	};
	for (const key of Object.keys(overrides) as SectionKey[]) base[key] = { ...base[key], ...overrides[key] };
	return base;
}

/** Saves a section as the form would: validated by its schema, stored as typed either way. */
export async function saveAnswers(actor: Actor, referralId: string, key: SectionKey, data: Record<string, unknown>, expectedVersion: number | null = null) {
	const parsed = sectionOf(key).schema.safeParse(data);
	return saveSection(actor, referralId, key, parsed.success ? parsed.data : data, { complete: parsed.success, expectedVersion });
}

/** A draft with every section saved and valid, ready to submit. */
export async function completeDraft(actor: Actor, overrides: Parameters<typeof validAnswers>[0] = {}): Promise<string> {
	const id = await startReferral(actor);
	const answers = validAnswers(overrides);
	for (const section of SECTIONS) {
		const result = await saveAnswers(actor, id, section.key, answers[section.key]);
		if (!result.ok) throw new Error(`could not save ${section.key}`);
	}
	return id;
}
