import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PENDING_FORM_COOKIE } from '$lib/server/auth/pending-form';
import { createSession, IDLE_TIMEOUT_MS, SESSION_COOKIE } from '$lib/server/auth/session';
import { db, t } from '$lib/server/db';
import { handle } from '../../src/hooks.server';
import { useTestDatabase } from '../helpers/database';
import { fakeEvent } from '../helpers/event';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	const dsl = world.services[0].schools[0].actors.dsl.userId;
	await db().update(t.user).set({ totpKey: Buffer.alloc(20), totpEnrolledAt: new Date() }).where(eq(t.user.id, dsl));
});
afterAll(() => close());

interface Serialized {
	name: string;
	value: string;
	options: Record<string, unknown>;
}

/**
 * A request as SvelteKit hands it to `handle`, for a route in the (app) group that (we suppose) forgot
 * its guard. Cookies it serializes are recorded, so a test can see which cookies the response sets.
 */
function appRequest(options: {
	path: string;
	routeId?: string;
	method?: string;
	accept?: string;
	form?: Record<string, string>;
	sessionToken?: string;
	isDataRequest?: boolean;
	origin?: string;
}): { event: RequestEvent; serialized: Serialized[] } {
	const base = fakeEvent({ path: options.path, cookies: options.sessionToken ? { [SESSION_COOKIE]: options.sessionToken } : {} });
	const serialized: Serialized[] = [];
	const cookies = {
		...base.cookies,
		serialize: (name: string, value: string, opts: Record<string, unknown>) => {
			serialized.push({ name, value, options: opts });
			return `${name}=${value}`;
		}
	} as unknown as Cookies;
	const headers: Record<string, string> = { accept: options.accept ?? 'text/html' };
	if (options.form) headers['content-type'] = 'application/x-www-form-urlencoded';
	// A browser names the page's origin on every form post; the hooks refuse a write without it.
	if ((options.method ?? 'GET') !== 'GET') headers.origin = options.origin ?? base.url.origin;
	const request = new Request(base.url, { method: options.method ?? 'GET', headers, body: options.form ? new URLSearchParams(options.form) : undefined });
	const event = { ...base, cookies, request, route: { id: options.routeId ?? '/(app)/anything' }, isDataRequest: options.isDataRequest ?? false } as RequestEvent;
	return { event, serialized };
}

/** Runs the hooks' handle with a route that would answer 200, counting whether it was reached. */
async function run(event: RequestEvent): Promise<{ response: Response; resolved: number }> {
	let resolved = 0;
	const response = await handle({
		event,
		resolve: async () => {
			resolved += 1;
			return new Response('the page', { status: 200, headers: { 'content-type': 'text/html' } });
		}
	});
	return { response, resolved };
}

/** SECURITY.md 12: what every response SvelteKit renders carries, redirects included. */
function expectSecurityHeaders(response: Response): void {
	const csp = response.headers.get('content-security-policy') ?? '';
	expect(csp).toContain("frame-ancestors 'none'");
	expect(csp).toContain("object-src 'none'");
	expect(csp).toContain("base-uri 'none'");
	expect(csp).not.toContain('unsafe-inline');
	expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
	expect(response.headers.get('x-content-type-options')).toBe('nosniff');
	expect(response.headers.get('referrer-policy')).toMatch(/^(same-origin|strict-origin|strict-origin-when-cross-origin|no-referrer)$/);
	expect(response.headers.get('cache-control')).toBe('no-store');
}

async function sessionFor(userId: string, options: { mfaVerifiedAt: Date | null; idleFor?: number }): Promise<string> {
	const now = new Date(Date.now() - (options.idleFor ?? 0));
	const { token } = await createSession(db(), userId, { address: '127.0.0.1', userAgent: 'test', mfaVerifiedAt: options.mfaVerifiedAt }, now);
	return token;
}

describe('the (app) backstop in hooks.server.ts, for a route that forgot its guard', () => {
	it('sends an anonymous page request to sign-in with a 303, remembering where it was going, without reaching the route', async () => {
		const { event } = appRequest({ path: '/anything?tab=2' });
		const { response, resolved } = await run(event);
		expect(resolved).toBe(0);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent('/anything?tab=2')}`);
		expect(await response.text()).toBe('');
		expectSecurityHeaders(response);
	});

	it('answers an anonymous SvelteKit data request with its JSON redirect, so client navigation goes to sign-in', async () => {
		const { event } = appRequest({ path: '/anything', isDataRequest: true, accept: '*/*' });
		const { response, resolved } = await run(event);
		expect(resolved).toBe(0);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(await response.json()).toEqual({ type: 'redirect', location: `/sign-in?next=${encodeURIComponent('/anything')}` });
		expectSecurityHeaders(response);
	});

	it('refuses a form posted from another site before anything else runs, with the security headers', async () => {
		const { event } = appRequest({ path: '/anything', method: 'POST', form: { note: 'forged' }, origin: 'https://attacker.example' });
		const { response, resolved } = await run(event);
		expect(resolved).toBe(0);
		expect(response.status).toBe(403);
		expectSecurityHeaders(response);
		expect(await db().select().from(t.pendingForm)).toEqual([]);
	});

	it('keeps a form posted with JavaScript by a timed-out session, answering its JSON redirect with the kept form’s cookie', async () => {
		const userId = world.services[0].schools[0].actors.dsl.userId;
		const token = await sessionFor(userId, { mfaVerifiedAt: new Date(), idleFor: IDLE_TIMEOUT_MS + 60_000 });
		const { event, serialized } = appRequest({
			path: '/anything',
			method: 'POST',
			accept: 'application/json',
			sessionToken: token,
			form: { note: 'Typed before the timeout', password: 'never kept' }
		});
		const { response, resolved } = await run(event);
		expect(resolved).toBe(0);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ type: 'redirect', status: 303, location: `/sign-in?timeout=1&next=${encodeURIComponent('/anything')}` });
		expectSecurityHeaders(response);

		const [row] = await db().select().from(t.pendingForm).where(eq(t.pendingForm.userId, userId));
		expect(row?.path).toBe('/anything');
		expect(JSON.parse(row?.payload ?? '[]')).toEqual([['note', 'Typed before the timeout']]);
		const cookie = serialized.find((c) => c.name === PENDING_FORM_COOKIE);
		expect(cookie).toMatchObject({ value: row?.id, options: { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 3600 } });
		expect(response.headers.get('set-cookie')).toContain(`${PENDING_FORM_COOKIE}=${row?.id}`);
	});

	it('answers the same form posted without JavaScript with a 303 to sign-in and the kept form’s cookie', async () => {
		const userId = world.services[0].schools[0].actors.dsl.userId;
		const token = await sessionFor(userId, { mfaVerifiedAt: new Date(), idleFor: IDLE_TIMEOUT_MS + 60_000 });
		const { event } = appRequest({ path: '/anything', method: 'POST', sessionToken: token, form: { note: 'Typed without JavaScript' } });
		const { response, resolved } = await run(event);
		expect(resolved).toBe(0);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/sign-in?timeout=1&next=${encodeURIComponent('/anything')}`);
		const [row] = await db().select().from(t.pendingForm).where(eq(t.pendingForm.userId, userId));
		expect(response.headers.get('set-cookie')).toContain(`${PENDING_FORM_COOKIE}=${row?.id}`);
		expectSecurityHeaders(response);
	});

	it('sends a password-only session to the MFA page, coming back after', async () => {
		const token = await sessionFor(world.services[0].schools[0].actors.dsl.userId, { mfaVerifiedAt: null });
		const { event } = appRequest({ path: '/anything?tab=2', sessionToken: token });
		const { response, resolved } = await run(event);
		expect(resolved).toBe(0);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/mfa?next=${encodeURIComponent('/anything?tab=2')}`);
		expectSecurityHeaders(response);
	});

	it('lets a fully signed-in person through to the route, with the security headers added', async () => {
		const token = await sessionFor(world.services[0].schools[0].actors.dsl.userId, { mfaVerifiedAt: new Date() });
		const { event } = appRequest({ path: '/anything', sessionToken: token });
		const { response, resolved } = await run(event);
		expect(resolved).toBe(1);
		expect(response.status).toBe(200);
		expectSecurityHeaders(response);
	});

	it('leaves routes outside the (app) group to their own guard', async () => {
		const { event } = appRequest({ path: '/sign-in', routeId: '/(public)/sign-in' });
		const { response, resolved } = await run(event);
		expect(resolved).toBe(1);
		expect(response.status).toBe(200);
	});
});
