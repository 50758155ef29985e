import { and, eq } from 'drizzle-orm';
import { fakerEN_GB as faker } from '@faker-js/faker';
import type { Role } from '$lib/roles';
import { SECTIONS, sectionOf, type SectionKey } from '$lib/schemas/referral/sections';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { saveSection, startReferral } from '../referrals/drafts';
import { submitReferral } from '../referrals/submit';
import { withdrawReferral } from '../referrals/withdraw';
import type { DemoWorld } from './seed';
import { seedDemoProgramme } from './programme';
import { seedDemoTriagedCases } from './triaged';
import { refreshPendingStatistics } from '../statistics/refresh';

/**
 * Demo referrals in every state the product reaches so far (draft, submitted, withdrawn), across
 * the demo schools, made through the same domain functions a DSL uses. Every pupil is made up
 * (faker, en_GB, fixed seed); addresses use the fake "ZZ" postcode area.
 */
export interface DemoReferral {
	school: string;
	dsl: string;
	state: 'draft' | 'submitted' | 'withdrawn';
	yearGroup: string;
	dob: [number, number, number];
	redFlag?: boolean;
	/** Reuse the pupil of an earlier entry (a second referral of the same young person). */
	samePupilAs?: number;
	/** The quantity as the school described it (defaults to a small amount for personal use). */
	quantity?: string;
	/** Answers that replace the defaults, section by section (dates and characteristics of older cases). */
	answers?: Partial<Record<SectionKey, Record<string, unknown>>>;
}

const DEMO_REFERRALS: DemoReferral[] = [
	{ school: 'oakfield', dsl: 'dsl.oakfield@example.org', state: 'submitted', yearGroup: '9', dob: [14, 3, 2012] },
	{ school: 'oakfield', dsl: 'deputy.oakfield@example.org', state: 'submitted', yearGroup: '10', dob: [2, 11, 2010], redFlag: true },
	{ school: 'oakfield', dsl: 'dsl.oakfield@example.org', state: 'withdrawn', yearGroup: '8', dob: [21, 6, 2013] },
	{ school: 'oakfield', dsl: 'dsl.oakfield@example.org', state: 'draft', yearGroup: '11', dob: [9, 9, 2010] },
	{ school: 'riverside', dsl: 'dsl.riverside@example.org', state: 'submitted', yearGroup: 'none', dob: [30, 1, 2009] },
	{ school: 'castlegate', dsl: 'dsl.castlegate@example.org', state: 'submitted', yearGroup: '9', dob: [14, 3, 2012], samePupilAs: 0 },
	{ school: 'valley-park', dsl: 'dsl.valleypark@example.org', state: 'submitted', yearGroup: '9', dob: [5, 5, 2012] }
];

export function actorOf(world: DemoWorld, email: string, role: Role, serviceId: string, schoolId: string): Actor {
	const userId = world.users[email];
	if (!userId) throw new Error(`demo user ${email} missing`);
	return { userId, role, serviceId, schoolId, senior: false, sessionId: 'demo-seed', mfaVerifiedAt: null, mfaEnrolled: true, address: '127.0.0.1' };
}

function answers(entry: DemoReferral, pupil: { forename: string; surname: string }): Record<SectionKey, Record<string, unknown>> {
	const [d, m, y] = entry.dob;
	const parent = `${faker.person.firstName()} ${pupil.surname}`;
	const when = { Day: '3', Month: '11', Year: '2026' };
	const date = (prefix: string) => Object.fromEntries(Object.entries(when).map(([k, v]) => [`${prefix}${k}`, v]));
	return {
		safety: {
			medicalEmergency: 'no',
			abuseDisclosure: entry.redFlag ? 'yes' : 'no',
			supplySigns: 'no',
			otherRisk: 'no',
			otherRiskDetail: '',
			actionTaken: entry.redFlag ? 'Called the MASH at 11:05 and sent their written referral at 11:40. Parent informed by the MASH social worker.' : ''
		},
		pupil: {
			legalForename: pupil.forename,
			legalSurname: pupil.surname,
			preferredName: '',
			dobDay: String(d),
			dobMonth: String(m),
			dobYear: String(y),
			yearGroup: entry.yearGroup,
			upn: '',
			sex: faker.helpers.arrayElement(['F', 'M']),
			ethnicity: faker.helpers.arrayElement(['WBRI', 'MWBC', 'APKN', 'BAFR', 'WOTH', 'NOBT']),
			sen: faker.helpers.arrayElement(['N', 'N', 'K', 'E']),
			fsm: faker.helpers.arrayElement(['yes', 'no', 'no']),
			lookedAfter: 'no',
			socialWorker: entry.redFlag ? 'cin' : 'none',
			youngCarer: 'no',
			firstLanguage: 'English',
			interpreter: 'no',
			addressLine1: `${faker.number.int({ min: 1, max: 180 })} ${faker.location.street()}`,
			addressLine2: '',
			town: 'Demotown',
			postcode: `ZZ${faker.number.int({ min: 1, max: 9 })} ${faker.number.int({ min: 1, max: 9 })}AB`,
			gpPractice: 'Demotown Health Centre (fictional)',
			phone: ''
		},
		family: { contact1Name: parent, contact1Relationship: 'Parent', contact1Phone: `01632 960${faker.number.int({ min: 200, max: 999 })}`, contact1Email: '', contact1Responsibility: 'yes' },
		incident: {
			incidentDay: '2',
			incidentMonth: '11',
			incidentYear: '2026',
			incidentTime: '10:15',
			place: faker.helpers.arrayElement(['School toilets', 'Playing field', 'Sixth-form common room', 'School bus']),
			cameToLight: faker.helpers.arrayElement(['search', 'disclosure', 'observed']),
			cameToLightDetail: '',
			substances: [faker.helpers.arrayElement(['cannabis', 'thc_vape', 'nitrous_oxide'])],
			substanceOther: '',
			substanceDescription: '',
			quantity: entry.quantity ?? 'Small amount, personal use',
			itemOutcome: 'disposed',
			itemPoliceReference: '',
			witness1: 'Deputy Head (demo)',
			witness2: 'Head of Year (demo)',
			policeInformed: 'no',
			policeReference: '',
			policeOfficer: '',
			policeOutcome: ''
		},
		decision: { decision: 'instead_of_suspension', wouldBeDays: '3', actualDays: '', decidedBy: 'Headteacher (demo)', ...date('decided') },
		consent: {
			parentConsent: 'yes',
			parentConsentBy: parent,
			parentConsentMethod: 'phone',
			...date('parentConsent'),
			gillickReason: '',
			youngPersonAgreed: 'yes',
			youngPersonMethod: 'in_person',
			...date('youngPerson'),
			shareProgress: 'yes',
			shareProgressBy: 'parent',
			shareProgressMethod: 'phone',
			...date('shareProgress'),
			evaluation: 'yes',
			evaluationBy: 'parent',
			evaluationMethod: 'phone',
			...date('evaluation')
		}
	};
}

/** One demo referral made and (unless a draft) submitted by its DSL, as the DSL would; returns its id. */
export async function createDemoReferral(world: DemoWorld, entry: DemoReferral, pupil: { forename: string; surname: string }, now: Date): Promise<string> {
	const schoolId = world.schools[entry.school];
	if (!schoolId) throw new Error(`demo school ${entry.school} missing`);
	const [school] = await db().select({ serviceId: t.school.serviceId }).from(t.school).where(eq(t.school.id, schoolId));
	const role: Role = entry.dsl.startsWith('deputy') ? 'deputy_dsl' : 'dsl';
	const actor = actorOf(world, entry.dsl, role, school?.serviceId ?? '', schoolId);
	const id = await startReferral(actor, now);
	const defaults = answers(entry, pupil);
	const all = Object.fromEntries(SECTIONS.map((s) => [s.key, { ...defaults[s.key], ...entry.answers?.[s.key] }])) as Record<SectionKey, Record<string, unknown>>;
	const sections = entry.state === 'draft' ? SECTIONS.slice(0, 3) : SECTIONS;
	for (const section of sections) {
		const parsed = sectionOf(section.key).schema.safeParse(all[section.key]);
		await saveSection(actor, id, section.key, parsed.success ? parsed.data : all[section.key], { complete: parsed.success, expectedVersion: null }, now);
	}
	if (entry.state === 'draft') return id;
	const [row] = await db().select({ version: t.referral.version }).from(t.referral).where(eq(t.referral.id, id));
	const submitted = await submitReferral(actor, id, row?.version ?? 0, now);
	if (!submitted.ok) throw new Error(`demo referral could not be submitted: ${JSON.stringify(submitted)}`);
	if (entry.state === 'withdrawn') {
		const [again] = await db().select({ version: t.referral.version }).from(t.referral).where(eq(t.referral.id, id));
		await withdrawReferral(actor, id, 'The family moved out of the area before triage (demo).', again?.version ?? 0, now);
	}
	return id;
}

/** A made-up pupil name (faker, en_GB, seeded by the caller). */
export function demoPupil(): { forename: string; surname: string } {
	return { forename: faker.person.firstName(), surname: faker.person.lastName() };
}

export async function seedDemoReferrals(world: DemoWorld, now = new Date()): Promise<number> {
	faker.seed(4242);
	const pupils: { forename: string; surname: string }[] = [];
	for (const [i, entry] of DEMO_REFERRALS.entries()) {
		const pupil = entry.samePupilAs !== undefined ? (pupils[entry.samePupilAs] ?? { forename: 'Demo', surname: 'Pupil' }) : demoPupil();
		pupils[i] = pupil;
		// Made a few minutes apart, in this order, as a morning's referrals would be: so the triage queue
		// (soonest due first) lists them in the order they came, whatever breaks a tie in the index.
		await createDemoReferral(world, entry, pupil, new Date(now.getTime() - (DEMO_REFERRALS.length - i) * 3 * 60_000));
	}
	const made = DEMO_REFERRALS.length + (await seedDemoTriagedCases(world, now)) + (await seedDemoProgramme(world, now));
	// The statistics rows the reports read, as the app's job would write them after these changes.
	await refreshPendingStatistics(db(), now);
	// The emails these made-up events would have sent went out when they happened: a demo that starts
	// should not send dozens of old alerts at once.
	await db().update(t.outbox).set({ status: 'done', doneAt: now }).where(and(eq(t.outbox.kind, 'email'), eq(t.outbox.status, 'pending')));
	return made;
}
