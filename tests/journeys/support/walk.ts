import { expect, type APIRequestContext, type APIResponse } from '@playwright/test';
import { request as playwrightRequest } from '@playwright/test';
import type { Role } from '../../../src/lib/roles';
import { POLICY, type Action, type PolicyRow } from '../../../src/lib/server/auth/policy';
import { DEMO_PASSWORD, demoSignIn } from '../../../src/lib/server/demo/data';
import { routeHandlers } from '../../helpers/route-handlers';
import { pathOf } from '../../helpers/routes';
import type { JourneyApp } from './server';
import { keyFromBase32 } from './totp';

/**
 * The routes the headers walk visits (issue 7 point 3), enumerated from src/routes through the same
 * handler list as the access matrix, so a new route is walked as soon as it exists. Each is visited
 * signed out and as one role its guard lets in; dynamic params come from the journey's copy of the
 * demo database (a route missing from WALK_PARAMS is still walked, with made-up params, and answers 404).
 */
export interface WalkRoute {
	id: string;
	page: boolean;
	/** Endpoint methods (GET, POST…) of a +server.ts. */
	methods: string[];
	/** Form actions of a page: `default` or their names. */
	actions: string[];
	/** The role to walk it as. */
	role: Role;
}

/** Whom to walk a route as, among the roles its guard allows: the widest scope first. */
const PREFERENCE: readonly Role[] = ['youth_worker', 'provider_admin', 'dsl', 'deputy_dsl', 'commissioner', 'governor'];

export const DEMO_ACCOUNTS: Record<Role, string> = {
	youth_worker: 'youthworker@example.org',
	provider_admin: 'admin@example.org',
	dsl: 'dsl.oakfield@example.org',
	deputy_dsl: 'deputy.oakfield@example.org',
	commissioner: 'commissioner@example.org',
	governor: 'governor.oakfield@example.org'
};

export function walkRoutes(): WalkRoute[] {
	const handlers = routeHandlers();
	const ids = [...new Set(handlers.map((h) => h.routeId))];
	return ids.map((id) => {
		const own = handlers.filter((h) => h.routeId === id && h.kind !== 'layout');
		const entry = own.find((h) => h.name === 'load') ?? own.find((h) => h.name === 'GET') ?? own[0];
		const row: PolicyRow | undefined = entry?.action ? POLICY[entry.action as Action] : undefined;
		const allowed = Object.keys(row?.roles ?? {});
		return {
			id,
			page: own.some((h) => h.kind === 'page'),
			methods: own.filter((h) => h.kind === 'server').map((h) => h.name),
			actions: own.filter((h) => h.name.startsWith('actions.')).map((h) => h.name.slice(8)),
			role: PREFERENCE.find((r) => allowed.includes(r)) ?? 'dsl'
		};
	});
}

const OAKFIELD = `(select id from school where name = 'Oakfield Academy')`;
const NORTH = `(select service_id from school where name = 'Oakfield Academy')`;
const oakfield = (state: string, extra = '') => `select r.id as id${extra} from referral r where r.school_id = ${OAKFIELD} and r.state = '${state}' order by r.created_at limit 1`;
const north = (state: string) => `select r.id as id from referral r where r.service_id = ${NORTH} and r.state = '${state}' order by r.created_at limit 1`;
const certified = `select c.referral_id as id, c.verification_code as code from certificate c where c.service_id = ${NORTH} and c.revoked_at is null order by c.issued_at limit 1`;
const session = `select s.id as id from support_session s where s.service_id = ${NORTH} and s.cancelled_at is null order by s.starts_at desc limit 1`;
const dueForReview = `select r.id as id from referral r where r.service_id = ${NORTH} and r.state = 'closed' and r.legal_hold = 0 and r.retention_review_on <= date('now') order by r.retention_review_on limit 1`;
const certifiedSession = `select a.session_id as id from support_session_attendee a join certificate c on c.referral_id = a.referral_id where c.service_id = ${NORTH} and c.revoked_at is null limit 1`;
const escalation = `select e.referral_id as id, e.id as escalationId from escalation e where e.service_id = ${NORTH} order by e.created_at limit 1`;

/** SQL giving each dynamic route's params as named columns, for records its walking role may see. */
export const WALK_PARAMS: Record<string, string> = {
	'/(app)/referrals/[id]': oakfield('in_programme'),
	'/(app)/referrals/[id]/section/safety': oakfield('draft'),
	'/(app)/referrals/[id]/section/pupil': oakfield('draft'),
	'/(app)/referrals/[id]/section/family': oakfield('draft'),
	'/(app)/referrals/[id]/section/incident': oakfield('draft'),
	'/(app)/referrals/[id]/section/decision': oakfield('draft'),
	'/(app)/referrals/[id]/section/consent': oakfield('draft'),
	'/(app)/referrals/[id]/check': oakfield('draft'),
	'/(app)/referrals/[id]/discard': oakfield('draft'),
	'/(app)/referrals/[id]/withdraw': oakfield('submitted'),
	'/(app)/referrals/[id]/consents/[kind]/withdraw': oakfield('submitted', `, 'share_progress' as kind`),
	'/(app)/referrals/[id]/summary.pdf': oakfield('submitted'),
	'/(app)/referrals/[id]/triage': oakfield('submitted'),
	'/(app)/referrals/[id]/triage/lift-hold': north('on_hold'),
	'/(app)/referrals/[id]/school-decision': oakfield('withdrawn'),
	'/(app)/referrals/[id]/escalations/new': oakfield('submitted'),
	'/(app)/referrals/[id]/escalations/[escalationId]': escalation,
	'/(app)/referrals/[id]/escalations/[escalationId]/withdraw': escalation,
	'/(app)/referrals/[id]/escalations/[escalationId]/summary.pdf': escalation,
	'/(app)/referrals/[id]/assessment': oakfield('accepted'),
	'/(app)/referrals/[id]/onward/new': oakfield('in_programme'),
	'/(app)/referrals/[id]/onward/[onwardId]': `select o.referral_id as id, o.id as onwardId from onward_referral o where o.service_id = ${NORTH} limit 1`,
	'/(app)/referrals/[id]/review/[reviewId]': `select v.referral_id as id, v.id as reviewId from case_review v where v.service_id = ${NORTH} order by v.decided_at is null desc limit 1`,
	'/(app)/referrals/[id]/outcome': oakfield('in_programme'),
	'/(app)/referrals/[id]/certificate': north('completed'),
	'/(app)/referrals/[id]/certificate/revoke': certified,
	'/(app)/referrals/[id]/certificate.pdf': certified,
	'/(app)/referrals/[id]/follow-up/[months]': `select f.referral_id as id, f.months as months from follow_up f where f.service_id = ${NORTH} and f.prompted_at is not null and f.recorded_at is null limit 1`,
	'/(app)/sessions/[id]': session,
	'/(app)/sessions/[id]/edit': session,
	'/(app)/sessions/[id]/cancel': session,
	'/(app)/sessions/[id]/calendar.ics': session,
	'/(app)/sessions/[id]/certificates.zip': certifiedSession,
	'/(app)/admin/schools/[id]': `select ${OAKFIELD} as id`,
	'/(app)/admin/schools/[id]/edit': `select ${OAKFIELD} as id`,
	'/(app)/admin/schools/[id]/roll/[year]': `select ${OAKFIELD} as id, '2025' as year`,
	'/(app)/admin/users/[id]': `select id from user where email = 'dsl.oakfield@example.org'`,
	'/(app)/admin/users/[id]/deactivate': `select id from user where email = 'dsl.oakfield@example.org'`,
	'/(app)/admin/users/[id]/reset-mfa': `select id from user where email = 'dsl.oakfield@example.org'`,
	'/(app)/admin/users/[id]/role': `select id from user where email = 'dsl.oakfield@example.org'`,
	'/(app)/admin/retention/[id]': dueForReview,
	'/(app)/admin/retention/[id]/extend': dueForReview,
	'/(app)/admin/retention/[id]/hold': dueForReview,
	'/(app)/admin/retention/[id]/delete': dueForReview,
	'/(app)/admin/subject-access/[id]': certified,
	'/(app)/admin/subject-access/[id]/export.json': certified,
	'/(app)/admin/subject-access/[id]/export.pdf': certified,
	'/(app)/admin/settings/term-dates/[year]': `select '2026' as year`,
	'/(app)/reports/school/[schoolId]': `select ${OAKFIELD} as schoolId`,
	'/(app)/reports/school/[schoolId]/report.csv': `select ${OAKFIELD} as schoolId`,
	'/(app)/reports/school/[schoolId]/report.pdf': `select ${OAKFIELD} as schoolId`,
	'/(public)/check/[code]': certified,
	'/(public)/set-password/[token]': `select 'not-a-real-token' as token`
};

/** The route's path with its params from the demo database (made up where the table has no query). */
export async function walkPath(app: JourneyApp, id: string): Promise<string> {
	if (!id.includes('[')) return pathOf(id, {});
	const sql = WALK_PARAMS[id];
	const row = sql ? (await app.sql(sql)).rows[0] : undefined;
	const params = new Proxy({} as Record<string, string>, { get: (_, key: string) => String((row as Record<string, unknown> | undefined)?.[key] ?? 'not-a-real-id') });
	return pathOf(id, params);
}

/** A request context signed in as a demo account, with its password and an authenticator code (no browser). */
export async function signedInRequest(app: JourneyApp, role: Role): Promise<APIRequestContext> {
	const email = DEMO_ACCOUNTS[role];
	const context = await playwrightRequest.newContext({ baseURL: app.url });
	const post = (path: string, form: Record<string, string>) => context.post(path, { form, headers: { origin: app.url, accept: 'text/html' }, maxRedirects: 0 });
	const password = await post('/sign-in', { email, password: DEMO_PASSWORD });
	expect(password.status(), `signing in ${email}`).toBe(303);
	const { totpSecret } = demoSignIn(email);
	if (!totpSecret) throw new Error(`${email} has no fixed authenticator key`);
	const code = await post('/mfa?/code', { code: await app.codes.next(email, keyFromBase32(totpSecret)) });
	expect(code.status(), `MFA for ${email}`).toBe(303);
	expect(code.headers().location ?? '').not.toMatch(/^\/mfa/);
	return context;
}

/** What kind of document a response is, for the walk's tally. */
export function kindOf(response: APIResponse): string {
	const type = (response.headers()['content-type'] ?? '').split(';')[0] ?? '';
	return type || (response.status() >= 300 && response.status() < 400 ? 'redirect' : 'none');
}
