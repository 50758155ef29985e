import { describe, expect, it } from 'vitest';
import { POLICY } from '$lib/server/auth/policy';
import { zipStore } from '$lib/server/certificates/zip';
import { MATRIX_ROUTES } from '../helpers/matrix-fixtures';
import { MATRIX_AREAS } from '../helpers/matrix/areas';
import { foreignTags } from '../helpers/matrix/cases-run';
import { expected, isRefusal, mismatch } from '../helpers/matrix/expect';
import { TAGS } from '../helpers/matrix/records';
import { routeHandlers } from '../helpers/route-handlers';
import { storedEntries } from '../helpers/zip';

/**
 * The access matrix enumerates src/routes itself, so a new route, action or endpoint is visited as
 * soon as it exists; these rules make sure it can be: it needs a fixture saying which record it
 * reaches, and it falls in one area's test file.
 */
const handlers = routeHandlers();
const routeIds = [...new Set(handlers.map((h) => h.routeId))];

describe('the access matrix covers every route', () => {
	it('has a fixture for every route with a load, action or endpoint', () => {
		expect(routeIds.filter((id) => !(id in MATRIX_ROUTES))).toEqual([]);
	});

	it('has no fixture for a route that no longer exists', () => {
		expect(Object.keys(MATRIX_ROUTES).filter((id) => !routeIds.includes(id))).toEqual([]);
	});

	it('puts every route in exactly one area', () => {
		const wrong = routeIds.filter((id) => Object.values(MATRIX_AREAS).filter((inArea) => inArea(id)).length !== 1);
		expect(wrong).toEqual([]);
	});

	it('knows the guarded action of every handler, from the policy table', () => {
		expect(handlers.filter((h) => !h.action || !Object.hasOwn(POLICY, h.action)).map((h) => `${h.file} ${h.name}`)).toEqual([]);
	});

	it('names only handlers that exist in its fills and record-less lists', () => {
		const names = (id: string) => handlers.filter((h) => h.routeId === id).map((h) => h.name);
		const unknown = Object.entries(MATRIX_ROUTES).flatMap(([id, f]) => [...Object.keys(f.fill ?? {}), ...(f.recordless ?? [])].filter((n) => !names(id).includes(n)).map((n) => `${id} ${n}`));
		expect(unknown).toEqual([]);
	});
});

describe('the expectations come from the policy row', () => {
	it('sends someone signed out to sign-in, and serves public rows to everyone', () => {
		expect(expected('referral.view', null, 'own', true)).toBe('sign-in');
		expect(expected('public.sign-in', null, 'none', true)).toBe('served');
		expect(expected('public.certificate-check', 'dsl', 'service2', true)).toBe('served');
	});

	it('refuses a role not in the row with a 404, whatever the record', () => {
		expect(expected('triage.record', 'dsl', 'own', true)).toBe('not-found');
		expect(expected('report.governor', 'dsl', 'own', true)).toBe('not-found');
	});

	it('refuses a school-scoped role outside its school, and a service-scoped one outside its service', () => {
		expect(expected('referral.view', 'dsl', 'own', true)).toBe('served');
		expect(expected('referral.view', 'dsl', 'school2', true)).toBe('not-found');
		expect(expected('referral.view', 'youth_worker', 'school2', true)).toBe('served');
		expect(expected('referral.view', 'youth_worker', 'service2', true)).toBe('not-found');
	});

	it('asks for a fresh step-up before a scope check on a step-up row', () => {
		expect(expected('referral.export-pdf', 'dsl', 'own', false)).toBe('step-up');
		expect(expected('referral.export-pdf', 'dsl', 'school2', true)).toBe('not-found');
		expect(expected('referral.export-pdf', 'governor', 'own', false)).toBe('not-found');
	});
});

describe('the matrix knows a leak when it sees one', () => {
	const served = { status: 200, body: '{}' };
	it('takes an answer other than the refusal as a leak', () => {
		expect(mismatch('not-found', served)).toBe('expected 404, got 200');
		expect(mismatch('sign-in', { status: 303, location: '/home', body: '' })).toBe('expected a redirect to sign-in, got 303 → /home');
		expect(isRefusal('not-found') && isRefusal('step-up') && isRefusal('mfa')).toBe(true);
		expect(mismatch('not-found', { status: 404, body: '' })).toBeNull();
	});

	it('reads every file of a ZIP it is served, so a canary inside one is found', () => {
		const files = [{ name: 'certificate-A.pdf', data: Buffer.from('first') }, { name: 'certificate-B.pdf', data: Buffer.from(TAGS[1][0]) }];
		expect(storedEntries(zipStore(files)).map((f) => [f.name, Buffer.from(f.data).toString()])).toEqual([['certificate-A.pdf', 'first'], ['certificate-B.pdf', TAGS[1][0]]]);
	});

	it('takes a refusal of an allowed request, or a crash, as wrong', () => {
		expect(mismatch('served', { status: 404, body: '' })).toBe('expected to be served, got 404');
		expect(mismatch('served', { status: 500, body: '', crash: 'boom' })).toBe('crashed: boom');
		expect(mismatch('served', { status: 303, location: '/referrals/x', body: '' })).toBeNull();
	});

	it('finds another school’s canary in any answer, and only where the person may not see it', () => {
		const [own, school2] = TAGS[0];
		const [service2] = TAGS[1];
		expect(foreignTags('dsl', `{"name":"${school2}son"}`)).toEqual([school2]);
		expect(foreignTags('dsl', `{"name":"${own}son"}`)).toEqual([]);
		expect(foreignTags('youth_worker', `${own} ${school2}`)).toEqual([]);
		expect(foreignTags('youth_worker', `${service2}ie`)).toEqual([service2]);
		expect(foreignTags('governor', own)).toEqual([own]);
		expect(foreignTags('dsl', own, true)).toEqual([own]);
	});
});
