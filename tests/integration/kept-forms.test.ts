import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthContext, type AuthContext } from '$lib/server/auth/context';
import { anonymousDenial, takeKeptForm } from '$lib/server/auth/guard';
import { PENDING_FORM_COOKIE } from '$lib/server/auth/pending-form';
import { createSession } from '$lib/server/auth/session';
import { db, t } from '$lib/server/db';
import { load as accountLoad } from '../../src/routes/(app)/account/+page.server';
import { load as moduleLoad } from '../../src/routes/(app)/admin/settings/modules/+page.server';
import { load as programmeNameLoad } from '../../src/routes/(app)/admin/settings/programme-name/+page.server';
import { useTestDatabase } from '../helpers/database';
import { fakeEvent } from '../helpers/event';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
let admin: AuthContext;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	const userId = world.services[0].actors.provider_admin.userId;
	await db().update(t.user).set({ totpKey: Buffer.alloc(20), totpEnrolledAt: new Date() }).where(eq(t.user.id, userId));
	const { session } = await createSession(db(), userId, { address: '127.0.0.1', userAgent: 'test', mfaVerifiedAt: new Date() });
	const context = await loadAuthContext(db(), session);
	if (!context) throw new Error('no auth context');
	admin = context;
});
afterAll(() => close());

/**
 * A form posted by someone whose session has just timed out, as the browser sends it without
 * JavaScript: the denial the guard (and the hooks' backstop) gives, and the kept form's cookie.
 */
async function postAfterTimeout(path: string, fields: [string, string][]) {
	const event = fakeEvent({ path, method: 'POST', expiredUserId: admin.userId });
	const request = new Request(event.url, { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
	const denial = await anonymousDenial({ ...event, request });
	return { denial, cookie: denial.cookie?.value ?? '' };
}

/** The page's load, for the same person signed in again, with the kept form's cookie. */
type Load = (event: never) => unknown;
async function loadAgain(load: Load, path: string, cookie: string) {
	const event = fakeEvent({ path, auth: admin, cookies: { [PENDING_FORM_COOKIE]: cookie } });
	const data = (await load(event as never)) as { form: { data: Record<string, unknown>; message?: string; id: string } };
	return { form: data.form, cookieLeft: event.jar.has(PENDING_FORM_COOKIE) };
}

/** Every field kept in the database, as [name, value] pairs. */
async function storedFields(): Promise<[string, string][]> {
	const rows = await db().select({ payload: t.pendingForm.payload }).from(t.pendingForm);
	return rows.flatMap((row) => JSON.parse(row.payload) as [string, string][]);
}

describe('a form posted after the idle timeout (SECURITY.md 8)', () => {
	it('sends the person to sign in again, with a cookie naming the kept form', async () => {
		const { denial } = await postAfterTimeout('/admin/settings/programme-name', [['programmeName', 'Typed while away'], ['version', '0']]);
		expect(denial.location).toBe(`/sign-in?timeout=1&next=${encodeURIComponent('/admin/settings/programme-name')}`);
		expect(denial.cookie).toMatchObject({ name: PENDING_FORM_COOKIE, maxAge: 3600 });
	});

	it('brings the person back to the page the form was on, query included, without the action key', async () => {
		const { denial } = await postAfterTimeout('/admin/settings/local-numbers/edit?la=Northmoor%20Council&/save', [['mash', '01632 960000']]);
		expect(denial.location).toBe(`/sign-in?timeout=1&next=${encodeURIComponent('/admin/settings/local-numbers/edit?la=Northmoor+Council')}`);
	});

	it('never keeps any field of the password form: current, password or confirm', async () => {
		const { cookie } = await postAfterTimeout('/account', [
			['__superform_id', 'password'],
			['username', 'provider_admin.1@test.example'],
			['current', 'old-secret-value-1'],
			['password', 'new-secret-value-2'],
			['confirm', 'new-secret-value-2']
		]);
		const stored = await storedFields();
		expect(stored.map(([name]) => name).sort()).toEqual(['__superform_id', 'username']);
		expect(JSON.stringify(stored)).not.toMatch(/secret-value/);

		const { form, cookieLeft } = await loadAgain(accountLoad, '/account', cookie);
		expect(form.id).toBe('password');
		expect(form.message).toBe('kept');
		expect(form.data).toEqual({ current: '', password: '', confirm: '' });
		expect(cookieLeft).toBe(false);
	});

	it('never keeps a password, authenticator or recovery code, secret or token by any name, but keeps a postcode', async () => {
		const { cookie } = await postAfterTimeout('/anywhere', [
			['name', 'Kept name'],
			['postcode', 'NM1 2AB'],
			['code', '123456'],
			['recoveryCode', 'ABCD-EFGH-IJKL'],
			['newPassword', 'x'],
			['PASSWORD', 'x'],
			['current', 'x'],
			['confirm', 'x'],
			['secretAnswer', 'x'],
			['resetToken', 'x'],
			['__superform_json', 'x'],
			['__superform_id', 'form-id']
		]);
		const kept = await takeKeptForm(fakeEvent({ path: '/anywhere', cookies: { [PENDING_FORM_COOKIE]: cookie } }), world.services[0].actors.provider_admin);
		expect([...(kept?.keys() ?? [])].sort()).toEqual(['__superform_id', 'name', 'postcode']);
		expect(kept?.get('postcode')).toBe('NM1 2AB');
	});

	it('is back on a settings form with what was typed and the version it was read at, once', async () => {
		const { cookie } = await postAfterTimeout('/admin/settings/programme-name', [['programmeName', 'Typed while away'], ['version', '0']]);
		const again = await loadAgain(programmeNameLoad, '/admin/settings/programme-name', cookie);
		expect(again.form.data).toEqual({ programmeName: 'Typed while away', version: 0 });
		expect(again.form.message).toBe('kept');
		const later = await loadAgain(programmeNameLoad, '/admin/settings/programme-name', cookie);
		expect(later.form.data.programmeName).not.toBe('Typed while away');
		expect(later.form.message).toBeUndefined();
	});

	it('gives a form with repeated fields back whole (the modules list)', async () => {
		const { cookie } = await postAfterTimeout('/admin/settings/modules', [
			['setId', ''],
			['titles', 'First typed'],
			['titles', 'Second typed'],
			['core', '1'],
			['intent', 'save']
		]);
		const { form } = await loadAgain(moduleLoad, '/admin/settings/modules', cookie);
		expect(form.data).toEqual({ setId: '', titles: ['First typed', 'Second typed'], core: ['1'] });
	});

	it('does not give a kept form to another person, or on another page', async () => {
		const { cookie } = await postAfterTimeout('/admin/settings/programme-name', [['programmeName', 'Mine only'], ['version', '0']]);
		const other = fakeEvent({ path: '/admin/settings/programme-name', cookies: { [PENDING_FORM_COOKIE]: cookie } });
		expect(await takeKeptForm(other, world.services[1].actors.provider_admin)).toBeNull();
		const elsewhere = await loadAgain(moduleLoad, '/admin/settings/modules', cookie);
		expect(elsewhere.form.message).toBeUndefined();
		const mine = await loadAgain(programmeNameLoad, '/admin/settings/programme-name', cookie);
		expect(mine.form.data.programmeName).toBe('Mine only');
	});
});
