import type { SectionKey } from '$lib/schemas/referral/sections';
import { validAnswers } from './referral';

/**
 * Canary values planted in every pupil-level and free-text field of a referral, so a test can scan
 * what governors and commissioners receive (SECURITY.md 3: aggregates only) and fail if any appears.
 * Each is distinctive enough that finding it cannot be a coincidence.
 */
export const CANARY = {
	legalForename: 'Quillonforename',
	legalSurname: 'Quillonsurname',
	preferredName: 'Quillonpreferred',
	upn: 'K98765432101Q',
	firstLanguage: 'Quillonlanguage',
	addressLine1: '17 Quillon Canary Street',
	addressLine2: 'Quillon Canary Estate',
	town: 'Quillontown',
	postcode: 'QN7 7QX',
	gpPractice: 'Quillon Canary Surgery',
	phone: '07700 900417',
	contact1Name: 'Quillonparent Carer',
	contact1Phone: '07700 900418',
	contact1Email: 'quillon.parent@example.org',
	place: 'Quillon canary corridor',
	substanceDescription: 'Quillon canary note about the substance',
	quantity: 'Quillon canary quantity',
	witness1: 'Quillonwitness One',
	witness2: 'Quillonwitness Two',
	decidedBy: 'Quillon Headteacher',
	parentConsentBy: 'Quillonparent Consenter'
} as const;

/** The date of birth planted, in the forms an output might print it. */
export const CANARY_DOB = { day: '14', month: '3', year: '2012', forms: ['2012-03-14', '14/03/2012', '14 March 2012'] } as const;

/** Every string a governor's or commissioner's output must never hold. */
export const CANARY_STRINGS: readonly string[] = [...Object.values(CANARY), ...CANARY_DOB.forms];

/** Referral answers with a canary in every pupil-level and free-text field. */
export function canaryAnswers(): Partial<Record<SectionKey, Record<string, unknown>>> {
	const base = validAnswers();
	return {
		pupil: {
			...base.pupil,
			legalForename: CANARY.legalForename,
			legalSurname: CANARY.legalSurname,
			preferredName: CANARY.preferredName,
			upn: CANARY.upn,
			firstLanguage: CANARY.firstLanguage,
			addressLine1: CANARY.addressLine1,
			addressLine2: CANARY.addressLine2,
			town: CANARY.town,
			postcode: CANARY.postcode,
			gpPractice: CANARY.gpPractice,
			phone: CANARY.phone,
			dobDay: CANARY_DOB.day,
			dobMonth: CANARY_DOB.month,
			dobYear: CANARY_DOB.year
		},
		family: { ...base.family, contact1Name: CANARY.contact1Name, contact1Phone: CANARY.contact1Phone, contact1Email: CANARY.contact1Email },
		incident: { ...base.incident, place: CANARY.place, substanceDescription: CANARY.substanceDescription, quantity: CANARY.quantity, witness1: CANARY.witness1, witness2: CANARY.witness2 },
		decision: { ...base.decision, decidedBy: CANARY.decidedBy },
		consent: { ...base.consent, parentConsentBy: CANARY.parentConsentBy }
	};
}

/** The canaries found in an output (case-insensitive, whitespace collapsed); empty when it is clean. */
export function findCanaries(output: string): string[] {
	const text = output.replace(/\s+/g, ' ').toLowerCase();
	return CANARY_STRINGS.filter((canary) => text.includes(canary.toLowerCase()));
}
