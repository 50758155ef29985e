import { isHttpError, isRedirect } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { loadAuthContext, type AuthContext } from '$lib/server/auth/context';
import { guard, safeNext, takeKeptForm } from '$lib/server/auth/guard';
import type { Action } from '$lib/server/auth/policy';
import { createSession } from '$lib/server/auth/session';
import { PENDING_FORM_COOKIE } from '$lib/server/auth/pending-form';
import { useTestDatabase } from '../helpers/database';
import { fakeEvent } from '../helpers/event';
import { seedWorld, type World } from '../helpers/world';
import { t } from '$lib/server/db';
import { eq } from 'drizzle-orm';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

async function authFor(userId: string, mfaVerifiedAt: Date | null): Promise<AuthContext> {
	const { session } = await createSession(db(), userId, { address: '127.0.0.1', userAgent: 'test', mfaVerifiedAt });
	const auth = await loadAuthContext(db(), session);
	if (!auth) throw new Error('no auth context');
	return auth;
}

async function outcome(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
		return 'allowed';
	} catch (e) {
		if (isRedirect(e)) return `redirect ${e.location}`;
		if (isHttpError(e)) return `error ${e.status}`;
		throw e;
	}
}

const call = (action: Action, auth: AuthContext | null, path = '/somewhere') => outcome(guard(fakeEvent({ path, auth }), action));

describe('the guard', () => {
	it('sends an anonymous visitor to sign-in, remembering where they were going', async () => {
		expect(await call('app.home', null, '/home?x=1')).toBe(`redirect /sign-in?next=${encodeURIComponent('/home?x=1')}`);
	});

	it('lets anyone through a public action, with no actor when not signed in', async () => {
		expect(await guard(fakeEvent({ path: '/sign-in' }), 'public.sign-in')).toBeNull();
	});

	it('answers 404 to a role the policy does not list, so nothing is learnt about what exists', async () => {
		const dsl = await authFor(world.services[0].schools[0].actors.dsl.userId, new Date());
		expect(await call('admin.school.list', dsl)).toBe('error 404');
		const admin = await authFor(world.services[0].actors.provider_admin.userId, new Date());
		expect(await call('admin.school.list', admin)).toBe('allowed');
	});

	it('keeps a password-only session to the MFA pages for roles that need MFA', async () => {
		const yw = await authFor(world.services[0].actors.youth_worker.userId, null);
		expect(yw.mfaRequired).toBe(true);
		expect(await call('app.home', yw)).toBe('redirect /mfa/setup');
		expect(await call('auth.mfa-setup', yw)).toBe('allowed');
		expect(await guard(fakeEvent({ path: '/sign-in', auth: yw }), 'public.sign-in')).toBeNull();
	});

	it('lets a governor in without MFA unless the service requires it', async () => {
		const governor = await authFor(world.services[0].schools[0].actors.governor.userId, null);
		expect(await call('app.home', governor)).toBe('allowed');
		await db().insert(t.setting).values({ serviceId: world.services[0].id, key: 'requireMfaForOversight', value: 'true' });
		const again = await authFor(world.services[0].schools[0].actors.governor.userId, null);
		expect(await call('app.home', again)).toBe('redirect /mfa/setup');
		await db().delete(t.setting).where(eq(t.setting.serviceId, world.services[0].id));
	});

	it('asks for a fresh code before an export when the last one is older than 15 minutes', async () => {
		const userId = world.services[0].actors.provider_admin.userId;
		await db().update(t.user).set({ totpKey: Buffer.alloc(20), totpEnrolledAt: new Date() }).where(eq(t.user.id, userId));
		const stale = await authFor(userId, new Date(Date.now() - 16 * 60_000));
		expect(await call('admin.audit.export', stale, '/admin/audit/export')).toBe(`redirect /step-up?next=${encodeURIComponent('/admin/audit/export')}`);
		const fresh = await authFor(userId, new Date(Date.now() - 60_000));
		expect(await call('admin.audit.export', fresh)).toBe('allowed');
	});

	it('keeps a form posted after a timeout and gives it back to the same person on the same page only', async () => {
		const userId = world.services[0].schools[0].actors.dsl.userId;
		const post = fakeEvent({ path: '/admin/schools/new', method: 'POST', expiredUserId: userId, form: { name: 'Typed school name', password: 'never kept' } });
		expect(await outcome(guard(post, 'admin.school.edit'))).toBe(`redirect /sign-in?timeout=1&next=${encodeURIComponent('/admin/schools/new')}`);
		const cookie = post.jar.get(PENDING_FORM_COOKIE);
		expect(cookie).toBeTruthy();
		const other = world.services[0].schools[1].actors.dsl;
		expect(await takeKeptForm(fakeEvent({ path: '/admin/schools/new', cookies: { [PENDING_FORM_COOKIE]: cookie ?? '' } }), other)).toBeNull();
		const me = world.services[0].schools[0].actors.dsl;
		expect(await takeKeptForm(fakeEvent({ path: '/elsewhere', cookies: { [PENDING_FORM_COOKIE]: cookie ?? '' } }), me)).toBeNull();
		const kept = await takeKeptForm(fakeEvent({ path: '/admin/schools/new', cookies: { [PENDING_FORM_COOKIE]: cookie ?? '' } }), me);
		expect(kept?.get('name')).toBe('Typed school name');
		expect(kept?.get('password')).toBeNull();
		expect(await takeKeptForm(fakeEvent({ path: '/admin/schools/new', cookies: { [PENDING_FORM_COOKIE]: cookie ?? '' } }), me)).toBeNull();
	});

	it('only returns to paths on this site after sign-in', () => {
		expect(safeNext('/home')).toBe('/home');
		expect(safeNext('//evil.example')).toBeNull();
		expect(safeNext('https://evil.example')).toBeNull();
		expect(safeNext('/\\evil.example')).toBeNull();
	});
});
