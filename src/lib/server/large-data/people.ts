import type { Faker } from '@faker-js/faker';
import type { SectionKey } from '$lib/schemas/referral/sections';
import type { Random } from './random';

/**
 * A synthetic pupil and the referral form's answers as the form stores them (the shapes of
 * tests/helpers/referral.ts validAnswers). Names from faker en_GB, addresses with ZZ postcodes (no
 * real postcode starts ZZ) and phones in Ofcom's 01632 960xxx drama range.
 */
export interface Pupil {
	forename: string;
	surname: string;
	preferredName: string;
	dob: { day: number; month: number; year: number };
	yearGroup: string;
	sex: 'F' | 'M';
	ethnicity: string;
	sen: 'N' | 'K' | 'E';
	fsm: boolean;
	lookedAfter: boolean;
	socialWorker: 'none' | 'cin' | 'cp';
	upn: string;
}

export interface Answers {
	pupil: Pupil;
	sections: Record<SectionKey, Record<string, unknown>>;
	incidentOn: string;
	decision: string;
	wouldBeDays: number | null;
	actualDays: number | null;
	cameToLight: string;
	policeInformed: boolean;
	policeOutcome: string | null;
	consents: { parent: string; youngPerson: boolean; shareProgress: boolean; evaluation: boolean; givenOn: string };
}

const ETHNICITY_WEIGHTS: Record<string, number> = { WBRI: 62, WOTH: 5, WIRI: 1, WROM: 1, MWBC: 2, MWBA: 1, MWAS: 1, MOTH: 2, AIND: 3, APKN: 5, ABAN: 2, AOTH: 2, BAFR: 4, BCRB: 2, BOTH: 1, CHNE: 1, OOTH: 2, REFU: 1, NOBT: 2 };
const SUBSTANCES = { cannabis: 70, thc_vape: 12, nitrous_oxide: 5, ketamine: 3, cocaine: 2, mdma: 2, alcohol: 4, unknown: 2 } as const;
const phone = (r: Random) => `01632 960${String(r.int(0, 999)).padStart(3, '0')}`;
const postcode = (r: Random) => `ZZ${r.int(1, 99)} ${r.int(1, 9)}${r.pick(['AA', 'AB', 'BD', 'EF', 'GH', 'JL', 'NP', 'QR', 'TU', 'WX'])}`;
const parts = (iso: string) => {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
	return { day: String(d), month: String(m), year: String(y) };
};

/** The academic year (its starting year) of an ISO date: 1 September to 31 August. */
export function academicYearOf(iso: string): number {
	const [y, m] = iso.split('-').map(Number) as [number, number];
	return m >= 9 ? y : y - 1;
}

export function makePupil(r: Random, faker: Faker, college: boolean, onDate: string): Pupil {
	const sex = r.chance(0.68) ? 'M' : 'F';
	const yearGroup = college ? r.pick(['12', '12', '13', '13', '14']) : r.weighted({ '7': 5, '8': 9, '9': 20, '10': 30, '11': 28, '12': 5, '13': 3 });
	const ay = academicYearOf(onDate);
	// Year Y in the academic year starting `ay` was born between September (ay − Y − 5) and August (ay − Y − 4).
	const born = new Date(Date.UTC(ay - Number(yearGroup) - 5, 8, 1) + r.int(0, 364) * 86_400_000);
	const lookedAfter = r.chance(0.03);
	const socialWorker = lookedAfter ? 'cin' : r.weighted({ none: 88, cin: 9, cp: 3 });
	return {
		forename: faker.person.firstName(sex === 'M' ? 'male' : 'female'),
		surname: faker.person.lastName(),
		preferredName: r.chance(0.08) ? faker.person.firstName(sex === 'M' ? 'male' : 'female') : '',
		dob: { day: born.getUTCDate(), month: born.getUTCMonth() + 1, year: born.getUTCFullYear() },
		yearGroup,
		sex,
		ethnicity: r.weighted(ETHNICITY_WEIGHTS),
		sen: r.weighted({ N: 72, K: 22, E: 6 }),
		fsm: r.chance(0.35),
		lookedAfter,
		socialWorker,
		upn: `${r.pick(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K'])}${String(r.int(0, 999_999_999_999)).padStart(12, '0')}`
	};
}

/** The six sections as the form stores them, for a pupil whose incident and decision fall on the given days. */
export function makeAnswers(r: Random, faker: Faker, pupil: Pupil, incidentOn: string, decidedOn: string): Answers {
	const parent = `${faker.person.firstName()} ${pupil.surname}`;
	const cameToLight = r.weighted({ search: 45, observed: 30, disclosure: 15, other: 10 });
	const policeInformed = r.chance(0.3);
	const policeOutcome = policeInformed ? r.weighted({ not_yet_known: 30, nfa: 30, community_resolution: 15, outcome_22: 15, outcome_23: 3, youth_caution: 4, rui: 3 }) : null;
	const decision = r.weighted({ instead_of_suspension: 78, alongside_suspension: 14, instead_of_permanent_exclusion: 8 });
	const wouldBeDays = decision === 'instead_of_permanent_exclusion' ? null : Number(r.weighted({ '1': 10, '2': 25, '3': 35, '5': 25, '10': 5 }));
	const actualDays = decision === 'alongside_suspension' ? r.int(1, Math.max(1, Number(wouldBeDays) - 1)) : null;
	const under16 = Number(pupil.yearGroup) <= 11;
	const parentConsent = under16 ? 'yes' : r.chance(0.9) ? 'yes' : 'not_told';
	const youngPerson = true;
	const shareProgress = r.chance(0.85);
	const evaluation = r.chance(0.6);
	const substance = r.weighted(SUBSTANCES);
	const incident = parts(incidentOn);
	const decided = parts(decidedOn);
	const p = pupil;
	const sections: Record<SectionKey, Record<string, unknown>> = {
		safety: { medicalEmergency: 'no', abuseDisclosure: 'no', supplySigns: 'no', otherRisk: 'no', otherRiskDetail: '', actionTaken: '' },
		pupil: {
			legalForename: p.forename,
			legalSurname: p.surname,
			preferredName: p.preferredName,
			dobDay: String(p.dob.day),
			dobMonth: String(p.dob.month),
			dobYear: String(p.dob.year),
			yearGroup: p.yearGroup,
			upn: p.upn,
			sex: p.sex,
			ethnicity: p.ethnicity,
			sen: p.sen,
			fsm: p.fsm ? 'yes' : 'no',
			lookedAfter: p.lookedAfter ? 'yes' : 'no',
			socialWorker: p.socialWorker,
			youngCarer: r.chance(0.05) ? 'yes' : 'no',
			firstLanguage: r.chance(0.9) ? 'English' : r.pick(['Polish', 'Urdu', 'Punjabi', 'Romanian', 'Somali', 'Arabic']),
			interpreter: 'no',
			addressLine1: `${r.int(1, 240)} ${faker.location.street()}`,
			addressLine2: '',
			town: faker.location.city(),
			postcode: postcode(r),
			gpPractice: `${faker.location.street()} Surgery`,
			phone: r.chance(0.5) ? phone(r) : ''
		},
		family: { contact1Name: parent, contact1Relationship: r.pick(['Mother', 'Father', 'Carer', 'Grandparent']), contact1Phone: phone(r), contact1Email: '', contact1Responsibility: 'yes' },
		incident: {
			incidentDay: incident.day,
			incidentMonth: incident.month,
			incidentYear: incident.year,
			incidentTime: `${r.int(8, 15)}:${String(r.int(0, 59)).padStart(2, '0')}`,
			place: r.pick(['Science block', 'Toilets', 'Playground', 'Bus bay', 'Changing rooms', 'Corridor', 'Classroom']),
			cameToLight,
			cameToLightDetail: '',
			substances: [substance],
			substanceOther: '',
			substanceDescription: 'Small quantity, described by staff',
			quantity: r.pick(['About 1 gram', 'Less than 1 gram', 'One vape', 'Two small bags']),
			itemOutcome: policeInformed ? 'police' : r.pick(['disposed', 'disposed', 'none']),
			itemPoliceReference: '',
			witness1: `${faker.person.firstName()} ${faker.person.lastName()}`,
			witness2: `${faker.person.firstName()} ${faker.person.lastName()}`,
			policeInformed: policeInformed ? 'yes' : 'no',
			policeReference: policeInformed ? `PR${r.int(100000, 999999)}` : '',
			policeOfficer: '',
			policeOutcome: policeOutcome ?? ''
		},
		decision: {
			decision,
			wouldBeDays: wouldBeDays === null ? '' : String(wouldBeDays),
			actualDays: actualDays === null ? '' : String(actualDays),
			decidedBy: 'Headteacher',
			decidedDay: decided.day,
			decidedMonth: decided.month,
			decidedYear: decided.year
		},
		consent: {
			parentConsent,
			parentConsentBy: parentConsent === 'yes' ? parent : '',
			parentConsentMethod: parentConsent === 'yes' ? 'phone' : '',
			parentConsentDay: parentConsent === 'yes' ? decided.day : '',
			parentConsentMonth: parentConsent === 'yes' ? decided.month : '',
			parentConsentYear: parentConsent === 'yes' ? decided.year : '',
			gillickReason: parentConsent === 'not_told' ? 'Telling a parent would put the young person at risk' : '',
			youngPersonAgreed: 'yes',
			youngPersonMethod: 'in_person',
			youngPersonDay: decided.day,
			youngPersonMonth: decided.month,
			youngPersonYear: decided.year,
			shareProgress: shareProgress ? 'yes' : 'no',
			shareProgressBy: shareProgress ? 'parent' : '',
			shareProgressMethod: shareProgress ? 'phone' : '',
			shareProgressDay: shareProgress ? decided.day : '',
			shareProgressMonth: shareProgress ? decided.month : '',
			shareProgressYear: shareProgress ? decided.year : '',
			evaluation: evaluation ? 'yes' : 'no',
			evaluationBy: evaluation ? 'parent' : '',
			evaluationMethod: evaluation ? 'phone' : '',
			evaluationDay: evaluation ? decided.day : '',
			evaluationMonth: evaluation ? decided.month : '',
			evaluationYear: evaluation ? decided.year : ''
		}
	};
	return {
		pupil,
		sections,
		incidentOn,
		decision,
		wouldBeDays,
		actualDays,
		cameToLight,
		policeInformed,
		policeOutcome,
		consents: { parent: parentConsent, youngPerson, shareProgress, evaluation, givenOn: decidedOn }
	};
}
