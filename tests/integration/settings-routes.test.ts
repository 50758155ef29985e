import { isHttpError, isRedirect, type ActionFailure } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthContext, type AuthContext } from '$lib/server/auth/context';
import { createSession } from '$lib/server/auth/session';
import { db, t } from '$lib/server/db';
import { workingDayCalendar } from '$lib/server/settings/calendar';
import { localContactsFor } from '$lib/server/settings/local-contacts';
import { currentModuleSet } from '$lib/server/settings/modules';
import { getSetting, setSetting } from '$lib/server/settings/settings';
import { actions as bankHolidayActions } from '../../src/routes/(app)/admin/settings/bank-holidays/+page.server';
import { actions as localNumberActions } from '../../src/routes/(app)/admin/settings/local-numbers/edit/+page.server';
import { actions as moduleActions } from '../../src/routes/(app)/admin/settings/modules/+page.server';
import { actions as programmeNameActions } from '../../src/routes/(app)/admin/settings/programme-name/+page.server';
import { actions as termDateActions } from '../../src/routes/(app)/admin/settings/term-dates/[year]/+page.server';
import { useTestDatabase } from '../helpers/database';
import { fakeEvent } from '../helpers/event';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
let auth: AuthContext;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	const userId = world.services[0].actors.provider_admin.userId;
	await db().update(t.user).set({ totpKey: Buffer.alloc(20), totpEnrolledAt: new Date() }).where(eq(t.user.id, userId));
	const { session } = await createSession(db(), userId, { address: '127.0.0.1', userAgent: 'test', mfaVerifiedAt: new Date() });
	const context = await loadAuthContext(db(), session);
	if (!context) throw new Error('no auth context');
	auth = context;
});
afterAll(() => close());

interface Form {
	valid: boolean;
	data: Record<string, unknown>;
	errors: Record<string, unknown>;
}

type Action = (event: never) => unknown;

/** Posts a form to an action as the browser would without JavaScript; answers the redirect or the form. */
async function post(action: Action | undefined, path: string, form: Record<string, string> | [string, string][], params: Record<string, string> = {}) {
	const event = fakeEvent({ path, method: 'POST', auth });
	const body = new URLSearchParams(form);
	const request = new Request(event.url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
	try {
		const result = (await action?.({ ...event, request, params } as never)) as ActionFailure<{ form: Form }> | { form: Form };
		return { status: 'status' in result ? result.status : 200, form: 'data' in result && 'form' in result.data ? result.data.form : (result as { form: Form }).form };
	} catch (e) {
		if (isRedirect(e)) return { status: e.status, location: e.location };
		if (isHttpError(e)) return { status: e.status };
		throw e;
	}
}

describe('settings forms posted without JavaScript', () => {
	it('saves the programme name and returns to the overview', async () => {
		expect(await post(programmeNameActions.default, '/admin/settings/programme-name', { programmeName: 'Northmoor DIVERT', version: '0' })).toEqual({
			status: 303,
			location: '/admin/settings?saved=programme-name'
		});
		expect(await getSetting(db(), world.services[0].id, 'programmeName')).toBe('Northmoor DIVERT');
	});

	it('keeps what was typed when it is too long, with the message at the field', async () => {
		const typed = 'x'.repeat(121);
		const result = await post(programmeNameActions.default, '/admin/settings/programme-name', { programmeName: typed, version: '1' });
		expect(result.status).toBe(400);
		expect(result.form?.data.programmeName).toBe(typed);
		expect(result.form?.errors.programmeName).toEqual(['Programme name must be 120 characters or fewer']);
	});

	it('shows the other person’s value after a stale save, ready to save against', async () => {
		await setSetting(world.services[0].actors.provider_admin, 'programmeName', 'Changed elsewhere', 1);
		const result = await post(programmeNameActions.default, '/admin/settings/programme-name', { programmeName: 'Mine', version: '1' });
		expect(result.status).toBe(400);
		expect(result.form?.data).toEqual({ programmeName: 'Changed elsewhere', version: 2 });
		expect(result.form?.errors._errors).toEqual([expect.stringMatching(/^Someone else changed this setting/)]);
	});

	it('rearranges module rows without saving, then saves them as a new set', async () => {
		const before = await currentModuleSet(db(), world.services[0].id);
		const rows: [string, string][] = [['setId', before?.id ?? ''], ['titles', 'A'], ['titles', 'B'], ['core', '1']];
		const added = await post(moduleActions.default, '/admin/settings/modules', [...rows, ['intent', 'add']]);
		expect(added.form?.data).toMatchObject({ titles: ['A', 'B', ''], core: ['1'] });
		const moved = await post(moduleActions.default, '/admin/settings/modules', [...rows, ['intent', 'up:1']]);
		expect(moved.form?.data).toMatchObject({ titles: ['B', 'A'], core: ['0'] });
		expect((await currentModuleSet(db(), world.services[0].id))?.id).toBe(before?.id);
		const blank = await post(moduleActions.default, '/admin/settings/modules', [...rows, ['titles', ''], ['intent', 'save']]);
		expect(blank.form?.errors.titles).toEqual({ 2: ['Enter a title for module 3'] });
		expect(await post(moduleActions.default, '/admin/settings/modules', [...rows, ['intent', 'save']])).toEqual({ status: 303, location: '/admin/settings/modules?saved=1' });
		expect((await currentModuleSet(db(), world.services[0].id))?.modules.map((m) => [m.title, m.core])).toEqual([['A', false], ['B', true]]);
	});

	it('adds a bank holiday typed as day, month and year, and says when the date is not real', async () => {
		const path = '/admin/settings/bank-holidays?/add';
		const bad = await post(bankHolidayActions.add, path, { dateDay: '30', dateMonth: '2', dateYear: '2029', name: 'Leap' });
		expect(bad.form?.errors.dateDay).toEqual(['Date of the bank holiday must be a real date']);
		expect(await post(bankHolidayActions.add, path, { dateDay: '4', dateMonth: '6', dateYear: '2029', name: 'Extra' })).toMatchObject({ status: 303 });
		expect(await workingDayCalendar(db(), world.services[0].id)).toContain('2029-06-04');
		expect(await post(bankHolidayActions.remove, '/admin/settings/bank-holidays?/remove', { date: '2029-06-04' })).toMatchObject({ status: 303 });
		expect(await post(bankHolidayActions.remove, '/admin/settings/bank-holidays?/remove', { date: '2029-06-04' })).toEqual({ status: 404 });
	});

	it('checks term dates against the year in the address', async () => {
		const fields = { academicYear: '2026', version: 'x', autumnStartDay: '3', autumnStartMonth: '9', autumnStartYear: '2026', autumnEndDay: '18', autumnEndMonth: '12', autumnEndYear: '2026' };
		const spring = { springStartDay: '5', springStartMonth: '1', springStartYear: '2027', springEndDay: '26', springEndMonth: '3', springEndYear: '2027' };
		const summer = { summerStartDay: '12', summerStartMonth: '4', summerStartYear: '2027', summerEndDay: '21', summerEndMonth: '7', summerEndYear: '2027' };
		const missing = await post(termDateActions.default, '/admin/settings/term-dates/2026', { ...fields, ...spring }, { year: '2026' });
		expect(missing.form?.errors).toMatchObject({ summerStartDay: ['Enter the first day of the summer term'] });
		const stale = await post(termDateActions.default, '/admin/settings/term-dates/2026', { ...fields, ...spring, ...summer }, { year: '2026' });
		expect(stale.form?.errors._errors).toEqual([expect.stringMatching(/^Someone else changed these term dates/)]);
		expect(await post(termDateActions.default, '/admin/settings/term-dates/2027', { ...fields, ...spring, ...summer }, { year: '2027' })).toEqual({ status: 404 });
	});

	it('saves local numbers for the local authority in the address only', async () => {
		const numbers = { mashPhone: '0121 303 1888', emergencyDutyPhone: '0121 675 4806', policeNonEmergencyPhone: '101', yotPhone: '0121 464 0600', camhsCrisisPhone: '0300 300 0099' };
		const path = `/admin/settings/local-numbers/edit?la=${encodeURIComponent('Test Borough 1')}`;
		expect(await post(localNumberActions.default, path, { ...numbers, localAuthority: 'Another Council', version: '0' })).toEqual({ status: 404 });
		const bad = await post(localNumberActions.default, path, { ...numbers, yotPhone: 'ring the office', localAuthority: 'Test Borough 1', version: '0' });
		expect(bad.form?.data.yotPhone).toBe('ring the office');
		expect(await post(localNumberActions.default, path, { ...numbers, localAuthority: 'Test Borough 1', version: '0' })).toMatchObject({ status: 303 });
		expect(await localContactsFor(db(), world.services[0].id, 'Test Borough 1')).toEqual(numbers);
	});
});
