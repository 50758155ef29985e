import { INDICATOR_KEYS, isFollowUp } from '$lib/triage-indicators';
import { TERM_EDGES } from '$lib/schemas/admin-settings';
import { BANK_HOLIDAYS } from '$lib/server/settings/bank-holidays';
import { DEFAULT_MODULES } from '$lib/server/settings/defaults';
import type { Built, RecordKind } from './matrix/records';

/**
 * How the access matrix reaches each route (issue 7 point 1): the record it addresses, how that
 * record fills the route's params or query, and what each form posts. A form posts what its page's
 * load offers (loaded by someone allowed to, from the same record) with these fields over it, so a
 * request outside scope is a real, valid request that only the scope check can refuse.
 *
 * Every route under src/routes needs an entry here (tests/unit/access-matrix-coverage.test.ts).
 */
export type Fields = Record<string, string | string[]>;

export interface RouteFixture {
	/** The record the route addresses; a route without one is visited once per role. */
	record?: RecordKind;
	/** Handlers of the route that address no record (a list beside a form that names one). */
	recordless?: readonly string[];
	params?: (b: Built) => Record<string, string>;
	query?: (b: Built) => string;
	/** The record is a filter or search term: outside scope the answer is a 404 or holds nothing of it. */
	filter?: true;
	/** Fields posted by each handler (`actions.<name>`, `POST`), over what the page's load offers. */
	fill?: Record<string, (b: Built) => Fields>;
	/** Environment the server answers the route under (a bench-only endpoint is a 404 without it). */
	env?: Record<string, string>;
}

const id = (b: Built) => ({ id: b.id ?? '' });
const reason = () => ({ reason: 'Recorded by the access matrix' });
const today = new Date();
const dateFields = (prefix: string, d = today) => ({ [`${prefix}Day`]: String(d.getUTCDate()), [`${prefix}Month`]: String(d.getUTCMonth() + 1), [`${prefix}Year`]: String(d.getUTCFullYear()) });
const inTwoYears = new Date(today.getTime() + 730 * 86_400_000);
const phones = { mashPhone: '01632 960001', emergencyDutyPhone: '01632 960002', policeNonEmergencyPhone: '101', yotPhone: '01632 960003', camhsCrisisPhone: '01632 960004' };
let serial = 0;

/** A section page of a draft referral: its form posts the section's version back. */
const section = (key: string): RouteFixture => {
	const version = (b: Built): Fields => ({ _version: b[`${key}Version`] ?? '0' });
	return { record: 'draft', params: id, fill: { 'actions.save': version, 'actions.autosave': version } };
};

const triageFields = (b: Built): Fields => ({
	...Object.fromEntries(INDICATOR_KEYS.filter((k) => !isFollowUp(k)).map((k) => [k, 'no'])),
	levelOfNeed: '1',
	rag: 'green',
	decision: 'accept',
	leadYouthWorkerId: b.youthWorkerId ?? ''
});

/** Every row of a session's register marked present, at the version it was built with. */
const register = (attendees: string): Fields => {
	const rows = attendees.split(',').filter(Boolean).map((row) => row.split(':') as [string, string]);
	return { attendee: rows.map(([a]) => a), ...Object.fromEntries(rows.flatMap(([a, v]) => [[`attendance-${a}`, 'present'], [`version-${a}`, v]])) };
};

const termDates = (year: number): Fields => {
	const dates: Record<string, [number, number, number]> = {
		autumnStart: [year, 9, 3], autumnEnd: [year, 12, 18], springStart: [year + 1, 1, 5], springEnd: [year + 1, 3, 27], summerStart: [year + 1, 4, 13], summerEnd: [year + 1, 7, 21]
	};
	return Object.fromEntries(TERM_EDGES.flatMap((edge) => {
		const [y, m, d] = dates[edge] ?? [year, 1, 1];
		return [[`${edge}Day`, String(d)], [`${edge}Month`, String(m)], [`${edge}Year`, String(y)]];
	}));
};

export const MATRIX_ROUTES: Record<string, RouteFixture> = {
	'/': {},
	// Referrals (DOMAIN.md §3 steps 1–4)
	'/(app)/referrals/new': {},
	'/(app)/referrals/[id]': { record: 'match', params: id, fill: { 'actions.match': (b) => ({ decision: 'reject', proposal: b.proposal ?? '' }) } },
	'/(app)/referrals/[id]/section/safety': section('safety'),
	'/(app)/referrals/[id]/section/pupil': section('pupil'),
	'/(app)/referrals/[id]/section/family': section('family'),
	'/(app)/referrals/[id]/section/incident': section('incident'),
	'/(app)/referrals/[id]/section/decision': section('decision'),
	'/(app)/referrals/[id]/section/consent': section('consent'),
	'/(app)/referrals/[id]/check': { record: 'draft', params: id },
	'/(app)/referrals/[id]/discard': { record: 'draft', params: id },
	'/(app)/referrals/[id]/withdraw': { record: 'submitted', params: id, fill: { 'actions.default': reason } },
	'/(app)/referrals/[id]/consents/[kind]/withdraw': { record: 'submitted', params: (b) => ({ ...id(b), kind: 'share_progress' }), fill: { 'actions.default': reason } },
	'/(app)/referrals/[id]/summary.pdf': { record: 'submitted', params: id },
	'/(app)/referrals/[id]/triage': { record: 'submitted', params: id, fill: { 'actions.save': triageFields, 'actions.decide': triageFields } },
	'/(app)/referrals/[id]/triage/lift-hold': { record: 'onHold', params: id, fill: { 'actions.default': reason } },
	'/(app)/referrals/[id]/school-decision': { record: 'notSuitable', params: id, fill: { 'actions.default': () => ({ decision: 'no_further_sanction' }) } },
	'/(app)/referrals/[id]/escalations/new': {
		record: 'submitted',
		params: id,
		fill: { 'actions.default': () => ({ agency: 'police', made: 'yes', method: 'phone', ...dateFields('sent'), sentTime: '00:00', reference: 'P-1', lawfulBasis: 'consent', note: '' }) }
	},
	'/(app)/referrals/[id]/escalations/[escalationId]': { record: 'escalation', params: (b) => ({ ...id(b), escalationId: b.escalationId ?? '' }) },
	'/(app)/referrals/[id]/escalations/[escalationId]/withdraw': { record: 'escalation', params: (b) => ({ ...id(b), escalationId: b.escalationId ?? '' }), fill: { 'actions.default': reason } },
	'/(app)/referrals/[id]/escalations/[escalationId]/summary.pdf': { record: 'escalation', params: (b) => ({ ...id(b), escalationId: b.escalationId ?? '' }) },
	// Assessment, programme, outcome, certificate, onward referrals, follow-up (steps 5–10)
	'/(app)/referrals/[id]/assessment': {
		record: 'accepted',
		params: id,
		fill: {
			'actions.draft': (b) => ({ substances: `${b.tag} weekends only` }),
			'actions.complete': (b) => ({ substances: `${b.tag} weekends only`, riskSummary: 'Low', suitability: 'group', newRisks: 'no', goal1: 'Stay in lessons' })
		}
	},
	'/(app)/referrals/[id]/onward/new': {
		record: 'inProgramme',
		params: id,
		fill: { 'actions.default': () => ({ toService: 'Early Help', ...dateFields('referred'), accepted: 'not_known', takenUp: 'not_known' }) }
	},
	'/(app)/referrals/[id]/onward/[onwardId]': { record: 'onward', params: (b) => ({ ...id(b), onwardId: b.onwardId ?? '' }) },
	'/(app)/referrals/[id]/review/[reviewId]': { record: 'review', params: (b) => ({ ...id(b), reviewId: b.reviewId ?? '' }), fill: { 'actions.default': () => ({ decision: 'continue', note: 'Agreed with the young person' }) } },
	'/(app)/referrals/[id]/outcome': { record: 'inProgramme', params: id, fill: { 'actions.default': () => ({ goal_1: 'partly' }) } },
	'/(app)/referrals/[id]/certificate': { record: 'completed', params: id },
	'/(app)/referrals/[id]/certificate/revoke': { record: 'certified', params: id, fill: { 'actions.default': reason } },
	'/(app)/referrals/[id]/certificate.pdf': { record: 'certified', params: id },
	'/(app)/referrals/[id]/follow-up/[months]': {
		record: 'followUpDue',
		params: (b) => ({ ...id(b), months: b.months ?? '6' }),
		fill: {
			'actions.default': () => ({
				furtherDrugIncident: 'no', suspension: 'no', exclusion: 'no', policeContact: 'no', onwardTakeUp: 'not_known', providerPoliceContact: 'no'
			})
		}
	},
	// Lists of the service's work
	// The surname is searched, so the forename and preferred name in a result still carry the tag.
	'/(app)/home': { record: 'submitted', filter: true, query: (b) => `?q=${b.tag}son` },
	'/(app)/due': {},
	'/(app)/countersign': { record: 'notSuitable', recordless: ['load'], fill: { 'actions.default': (b) => ({ id: b.countersignId ?? '', comment: '' }) } },
	'/(app)/follow-ups': { record: 'followUpDue', filter: true, query: (b) => `?school=${b.schoolId}` },
	// Programme sessions
	'/(app)/sessions': {},
	'/(app)/sessions/new': {
		record: 'accepted',
		recordless: ['actions.default'],
		query: (b) => `?referral=${b.id}`,
		fill: { 'actions.default': (b) => ({ kind: 'group', ...dateFields('date', new Date(Date.now() + 14 * 86_400_000)), startTime: '10:00', durationMinutes: '60', mode: 'in_person', place: 'Youth centre', facilitatorId: b.youthWorkerId ?? '', modules: [DEFAULT_MODULES[0].title] }) }
	},
	'/(app)/sessions/[id]': {
		record: 'session',
		params: (b) => ({ id: b.sessionId ?? '' }),
		fill: {
			'actions.add': (b) => ({ referralId: b.spare ?? '' }),
			'actions.remove': (b) => ({ attendeeId: b.attendeeId ?? '' }),
			'actions.register': (b) => register(b.attendees ?? '')
		}
	},
	'/(app)/sessions/[id]/edit': { record: 'session', params: (b) => ({ id: b.sessionId ?? '' }) },
	'/(app)/sessions/[id]/cancel': { record: 'session', params: (b) => ({ id: b.sessionId ?? '' }), fill: { 'actions.default': reason } },
	'/(app)/sessions/[id]/calendar.ics': { record: 'session', params: (b) => ({ id: b.sessionId ?? '' }) },
	'/(app)/sessions/[id]/certificates.zip': { record: 'certified', params: (b) => ({ id: b.sessionId ?? '' }) },
	// Reports (aggregates only)
	'/(app)/reports/school': {},
	'/(app)/reports/school/[schoolId]': { record: 'school', params: (b) => ({ schoolId: b.schoolId ?? '' }) },
	'/(app)/reports/school/[schoolId]/report.csv': { record: 'school', params: (b) => ({ schoolId: b.schoolId ?? '' }) },
	'/(app)/reports/school/[schoolId]/report.pdf': { record: 'school', params: (b) => ({ schoolId: b.schoolId ?? '' }) },
	'/(app)/reports/service': { record: 'school', query: (b) => `?school=${b.schoolId}` },
	'/(app)/reports/service/report.csv': { record: 'school', query: (b) => `?school=${b.schoolId}` },
	// Provider admin
	'/(app)/admin/audit': {},
	'/(app)/admin/audit/export': {},
	'/(app)/admin/schools': {},
	'/(app)/admin/schools/new': {
		fill: { 'actions.default': () => ({ name: `Matrix Academy ${++serial}`, urn: String(700000 + serial), type: 'Academy', phase: 'Secondary', localAuthority: 'Test Borough 1' }) }
	},
	'/(app)/admin/schools/[id]': { record: 'school', params: (b) => ({ id: b.schoolId ?? '' }) },
	'/(app)/admin/schools/[id]/edit': { record: 'school', params: (b) => ({ id: b.schoolId ?? '' }) },
	'/(app)/admin/schools/[id]/roll/[year]': { record: 'school', params: (b) => ({ id: b.schoolId ?? '', year: '2025' }) },
	'/(app)/admin/users': {},
	'/(app)/admin/users/new': { fill: { 'actions.default': (b) => ({ displayName: 'Matrix New User', email: `matrix.new.${++serial}@test.example`, role: 'dsl', schoolId: b.schoolId ?? '' }) } },
	'/(app)/admin/users/[id]': { record: 'user', params: (b) => ({ id: b.userId ?? '' }) },
	'/(app)/admin/users/[id]/deactivate': { record: 'user', params: (b) => ({ id: b.userId ?? '' }) },
	'/(app)/admin/users/[id]/reset-mfa': { record: 'user', params: (b) => ({ id: b.userId ?? '' }) },
	'/(app)/admin/users/[id]/role': { record: 'user', params: (b) => ({ id: b.userId ?? '' }) },
	'/(app)/admin/settings': {},
	'/(app)/admin/settings/bank-holidays': {
		fill: { 'actions.add': () => ({ dateDay: '28', dateMonth: '12', dateYear: '2035', name: 'Matrix holiday' }), 'actions.remove': () => ({ date: BANK_HOLIDAYS[BANK_HOLIDAYS.length - 1]?.date ?? '' }) }
	},
	'/(app)/admin/settings/eligibility': {},
	'/(app)/admin/settings/local-numbers': {},
	'/(app)/admin/settings/local-numbers/edit': { fill: { 'actions.default': () => ({ localAuthority: `Matrix Borough ${++serial}`, ...phones }) } },
	'/(app)/admin/settings/mfa': {},
	'/(app)/admin/settings/modules': { fill: { 'actions.default': () => ({ intent: 'save' }) } },
	'/(app)/admin/settings/programme-name': {},
	'/(app)/admin/settings/slas': {},
	'/(app)/admin/settings/small-numbers': {},
	'/(app)/admin/settings/term-dates': {},
	'/(app)/admin/settings/term-dates/[year]': { params: () => ({ year: '2031' }), fill: { 'actions.default': () => ({ academicYear: '2031', ...termDates(2031) }) } },
	'/(app)/admin/settings/unit-costs': {},
	'/(app)/admin/settings/retention': { fill: { 'actions.default': () => ({ diversionYears: '3' }) } },
	// Retention and subject access (DOMAIN.md §7; SECURITY.md 23, 24)
	'/(app)/admin/retention': { record: 'dueForReview', recordless: ['load'] },
	'/(app)/admin/retention/[id]': { record: 'dueForReview', params: id },
	'/(app)/admin/retention/[id]/extend': { record: 'dueForReview', params: id, fill: { 'actions.default': () => ({ ...dateFields('reviewOn', inTwoYears), ...reason() }) } },
	'/(app)/admin/retention/[id]/hold': { record: 'dueForReview', params: id, fill: { 'actions.default': reason } },
	'/(app)/admin/retention/[id]/delete': { record: 'dueForReview', params: id },
	// The surname is searched, so the forename and preferred name in a result still carry the tag.
	'/(app)/admin/subject-access': { record: 'certified', filter: true, query: (b) => `?name=${b.tag}son` },
	'/(app)/admin/subject-access/[id]': { record: 'certified', params: id },
	'/(app)/admin/subject-access/[id]/export.json': { record: 'certified', params: id },
	'/(app)/admin/subject-access/[id]/export.pdf': { record: 'certified', params: id },
	// Own account, MFA and step-up
	'/(app)/account': {
		fill: { 'actions.password': () => ({ current: 'not the password at all', password: 'a new long passphrase here', confirm: 'a new long passphrase here' }), 'actions.endSession': () => ({ session: 'no-such-session' }) }
	},
	'/(auth)/mfa': { fill: { 'actions.code': () => ({ code: '000000' }), 'actions.recovery': () => ({ recoveryCode: 'AAAAA-BBBBB' }) } },
	'/(auth)/mfa/setup': { fill: { 'actions.default': () => ({ code: '000000' }) } },
	'/(auth)/step-up': { fill: { 'actions.default': () => ({ code: '000000' }) } },
	'/(auth)/session/extend': {},
	'/(auth)/sign-out': {},
	// Public
	'/(public)/sign-in': { fill: { 'actions.default': () => ({ email: 'nobody@test.example', password: 'not a password anyone has' }) } },
	'/(public)/forgotten-password': { fill: { 'actions.default': () => ({ email: 'nobody@test.example' }) } },
	'/(public)/set-password/[token]': { params: () => ({ token: 'not-a-real-token' }), fill: { 'actions.default': () => ({ password: 'one long passphrase', confirm: 'another long passphrase' }) } },
	'/(public)/check': { fill: { 'actions.default': () => ({ code: '7K3M-Q9XD-2VHT' }) } },
	'/(public)/check/[code]': { record: 'certified', params: (b) => ({ code: b.code ?? '' }) },
	'/(public)/health': {},
	'/(public)/hidden': {},
	'/(public)/bench/write-floor': { env: { BENCH: '1' } }
};
