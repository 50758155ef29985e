import type { Role } from '$lib/roles';
import type { ROLL_GROUPS, RollCharacteristic, SCHOOL_PHASES, SCHOOL_TYPES } from '$lib/schemas/admin-schools';

/**
 * The demo's fixed, plainly fake data: the demo command, the README and the browser journeys all read
 * it from here, so they cannot drift apart. Nothing here is a real person, school or phone number:
 * URNs start with 9 (no real URN does), emails are at example.org (reserved), phone numbers are in
 * Ofcom's 01632 960xxx drama range, and the councils do not exist.
 *
 * This file imports nothing at run time, so the journey runner (which has no `$lib` alias) can load it.
 */

/** Every demo account's password. At least 12 characters and not a well-known password (SECURITY.md 7). */
export const DEMO_PASSWORD = 'demo-password-2026';

export type DemoServiceKey = 'north' | 'south';

export const DEMO_SERVICES: Record<DemoServiceKey, { name: string }> = {
	north: { name: 'North Riding Youth Diversion (demo)' },
	/** A second service, to show that nothing crosses between services. */
	south: { name: 'South Vale Diversion (demo)' }
};

export interface DemoSchool {
	key: string;
	service: DemoServiceKey;
	name: string;
	urn: string;
	type: (typeof SCHOOL_TYPES)[number];
	phase: (typeof SCHOOL_PHASES)[number];
	localAuthority: string;
}

export const DEMO_SCHOOLS: readonly DemoSchool[] = [
	{ key: 'oakfield', service: 'north', name: 'Oakfield Academy', urn: '900101', type: 'Academy', phase: 'Secondary', localAuthority: 'Northmoor Council' },
	{ key: 'castlegate', service: 'north', name: 'Castlegate School', urn: '900102', type: 'Local authority maintained', phase: 'Secondary', localAuthority: 'Northmoor Council' },
	{ key: 'riverside', service: 'north', name: 'Riverside Sixth Form College', urn: '900103', type: 'Sixth form college', phase: '16 plus', localAuthority: 'Northmoor Council' },
	{ key: 'hollinsbrook', service: 'north', name: 'Hollinsbrook College', urn: '900104', type: 'Further education college', phase: '16 plus', localAuthority: 'Ashdale Borough Council' },
	{ key: 'ashdale', service: 'north', name: 'Ashdale High School', urn: '900105', type: 'Free school', phase: 'All-through', localAuthority: 'Ashdale Borough Council' },
	{ key: 'valley-park', service: 'south', name: 'Valley Park Academy', urn: '900201', type: 'Academy', phase: 'Secondary', localAuthority: 'Southvale Council' }
];

/** The numbers each local authority's schools are told to use. All in the 01632 960xxx drama range. */
export const DEMO_LOCAL_CONTACTS: readonly {
	service: DemoServiceKey;
	localAuthority: string;
	mashPhone: string;
	emergencyDutyPhone: string;
	policeNonEmergencyPhone: string;
	yotPhone: string;
	camhsCrisisPhone: string;
}[] = [
	{ service: 'north', localAuthority: 'Northmoor Council', mashPhone: '01632 960101', emergencyDutyPhone: '01632 960102', policeNonEmergencyPhone: '01632 960103', yotPhone: '01632 960104', camhsCrisisPhone: '01632 960105' },
	{ service: 'north', localAuthority: 'Ashdale Borough Council', mashPhone: '01632 960201', emergencyDutyPhone: '01632 960202', policeNonEmergencyPhone: '01632 960203', yotPhone: '01632 960204', camhsCrisisPhone: '01632 960205' },
	{ service: 'south', localAuthority: 'Southvale Council', mashPhone: '01632 960301', emergencyDutyPhone: '01632 960302', policeNonEmergencyPhone: '01632 960303', yotPhone: '01632 960304', camhsCrisisPhone: '01632 960305' }
];

/** Term dates per academic year (the year it starts in: 2025 is 2025/26). */
export const DEMO_TERM_DATES: readonly { academicYear: number; term: string; startsOn: string; endsOn: string }[] = [
	{ academicYear: 2025, term: 'autumn', startsOn: '2025-09-03', endsOn: '2025-12-19' },
	{ academicYear: 2025, term: 'spring', startsOn: '2026-01-05', endsOn: '2026-03-27' },
	{ academicYear: 2025, term: 'summer', startsOn: '2026-04-13', endsOn: '2026-07-22' },
	{ academicYear: 2026, term: 'autumn', startsOn: '2026-09-02', endsOn: '2026-12-18' },
	{ academicYear: 2026, term: 'spring', startsOn: '2027-01-04', endsOn: '2027-03-26' },
	{ academicYear: 2026, term: 'summer', startsOn: '2027-04-12', endsOn: '2027-07-21' }
];

export type DemoRoll = {
	school: string;
	academicYear: number;
	counts: { [C in RollCharacteristic]: Record<(typeof ROLL_GROUPS)[C][number], number> };
};

/**
 * Numbers on roll, 2025/26, as a census return would give them (all made up): Oakfield Academy (1,210
 * pupils) and Ashdale High School (1,050 in years 7 to 13), the demo's busy school, whose report sets
 * its referrals beside these to show disproportionality.
 */
export const DEMO_ROLLS: readonly DemoRoll[] = [
	{
		school: 'oakfield',
		academicYear: 2025,
		counts: {
			ethnicity: { white: 884, mixed: 97, asian: 133, black: 52, chinese: 8, other: 19, unclassified: 17 },
			sen: { N: 1001, K: 171, E: 38 },
			fsm: { Y: 302, N: 908 },
			care: { 'looked-after': 9, 'cin-cp': 41, neither: 1160 },
			sex: { M: 612, F: 598 },
			yearGroup: { '7': 205, '8': 201, '9': 199, '10': 204, '11': 196, '12': 112, '13': 93 }
		}
	},
	{
		school: 'ashdale',
		academicYear: 2025,
		counts: {
			ethnicity: { white: 702, mixed: 84, asian: 168, black: 61, chinese: 6, other: 15, unclassified: 14 },
			sen: { N: 862, K: 152, E: 36 },
			fsm: { Y: 341, N: 709 },
			care: { 'looked-after': 8, 'cin-cp': 37, neither: 1005 },
			sex: { M: 531, F: 519 },
			yearGroup: { '7': 182, '8': 179, '9': 176, '10': 174, '11': 171, '12': 88, '13': 80 }
		}
	}
];

export interface DemoSignIn {
	email: string;
	role: Role;
	service: DemoServiceKey;
	/** A key of DEMO_SCHOOLS for the school roles; null for the service-wide ones. */
	school: string | null;
	senior?: boolean;
	/**
	 * The authenticator key in base32 (20 random bytes, fixed so the demo can be shown on any phone).
	 * Null for the one account that sets up its authenticator at first sign-in, to show enrolment.
	 */
	totpSecret: string | null;
	/** What this account is for, shown in the sign-ins table. */
	note: string;
}

export const DEMO_SIGN_INS: readonly DemoSignIn[] = [
	{ email: 'admin@example.org', role: 'provider_admin', service: 'north', school: null, totpSecret: 'YTMTVRFMW3FTOUKDOAAARMICJRQL2WG4', note: 'Manages schools, users and settings' },
	{ email: 'senior.youthworker@example.org', role: 'youth_worker', service: 'north', school: null, senior: true, totpSecret: '3BQBEGR2VTDGTXLRNYLRX6ACNEBS3X45', note: 'Senior: may countersign' },
	{ email: 'youthworker@example.org', role: 'youth_worker', service: 'north', school: null, totpSecret: '2NQMSM377KFE6GLNMID2CFAL34XEL2SC', note: 'Triage, sessions, outcomes' },
	{ email: 'commissioner@example.org', role: 'commissioner', service: 'north', school: null, totpSecret: 'J5PPOOM22CGWKJEF4IZHVN7U6WCS2IQR', note: 'Service-wide totals only' },
	{ email: 'dsl.oakfield@example.org', role: 'dsl', service: 'north', school: 'oakfield', totpSecret: 'LMZCCSDSPCH6QO3K6LPCL5SFSB2Y5WKS', note: 'Refers pupils' },
	{ email: 'deputy.oakfield@example.org', role: 'deputy_dsl', service: 'north', school: 'oakfield', totpSecret: 'UHORDFW7JXAAWNS2VIPYQKSQ7VSNHPO3', note: 'Same rights as the DSL' },
	{ email: 'governor.oakfield@example.org', role: 'governor', service: 'north', school: 'oakfield', totpSecret: 'B35VKVWUGNKLH3BMWERUNGZMHE5NQQZP', note: 'School totals only' },
	{ email: 'dsl.riverside@example.org', role: 'dsl', service: 'north', school: 'riverside', totpSecret: 'AW4KGTWICVBCYX3ZCVXB4CVLY7OAAN2U', note: 'A second school: sees none of Oakfield' },
	{ email: 'dsl.castlegate@example.org', role: 'dsl', service: 'north', school: 'castlegate', totpSecret: null, note: 'No authenticator yet: sets one up at first sign-in' },
	{ email: 'dsl.ashdale@example.org', role: 'dsl', service: 'north', school: 'ashdale', totpSecret: 'QC3RFDSZ5UO3IYKHESC52EICLURRYDJH', note: 'A busy school: a year of referrals and follow-ups' },
	{ email: 'governor.ashdale@example.org', role: 'governor', service: 'north', school: 'ashdale', totpSecret: '5KNJPYOLGW7F257TCJRHMBEJTPER3YUL', note: 'A report with real numbers and small ones' },
	{ email: 'admin.southvale@example.org', role: 'provider_admin', service: 'south', school: null, totpSecret: 'VOGTXKIXADJNEWYJ77QRKZ5DB3JZDZOH', note: 'The second service: sees none of North Riding' },
	{ email: 'dsl.valleypark@example.org', role: 'dsl', service: 'south', school: 'valley-park', totpSecret: 'KUJEUX6GM2Z7XGL4WKMZU6STC622ITHO', note: 'The second service’s school' }
];

/** Faker's fixed seed for display names, so every demo database names the same people. */
export const DEMO_NAME_SEED = 2026;

export function demoSchool(key: string): DemoSchool {
	const school = DEMO_SCHOOLS.find((s) => s.key === key);
	if (!school) throw new Error(`No demo school "${key}"`);
	return school;
}

export function demoSignIn(email: string): DemoSignIn {
	const found = DEMO_SIGN_INS.find((s) => s.email === email);
	if (!found) throw new Error(`No demo sign-in "${email}"`);
	return found;
}
