import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, t } from '$lib/server/db';
import { getSetting, readSetting, setSetting, setSettings } from '$lib/server/settings/settings';
import { settingsSummary } from '$lib/server/settings/summary';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

const auditRows = (serviceId: string, recordId: string) =>
	db()
		.select()
		.from(t.auditEvent)
		.where(and(eq(t.auditEvent.serviceId, serviceId), eq(t.auditEvent.action, 'settings.changed'), eq(t.auditEvent.recordId, recordId)));

describe('service settings', () => {
	it('starts from the defaults, at version 0', async () => {
		const service = world.services[0];
		expect(await readSetting(db(), service.id, 'programmeName')).toEqual({ value: 'DIVERT Young People', version: 0 });
		expect(await getSetting(db(), service.id, 'slas')).toMatchObject({ triageWorkingDays: 1, followUpMonths: 6 });
	});

	it('saves a setting for the admin’s own service only, and records who changed which key', async () => {
		const [one, two] = world.services;
		const admin = one.actors.provider_admin;
		expect(await setSetting(admin, 'programmeName', '  Northmoor DIVERT  ', 0)).toEqual({ ok: true });
		expect(await readSetting(db(), one.id, 'programmeName')).toEqual({ value: 'Northmoor DIVERT', version: 1 });
		expect(await getSetting(db(), two.id, 'programmeName')).toBe('DIVERT Young People');
		const [row] = await auditRows(one.id, 'programmeName');
		expect(row).toMatchObject({ actorUserId: admin.userId, actorRole: 'provider_admin', recordType: 'setting', address: '127.0.0.1' });
		expect(JSON.parse(row?.detail ?? '{}')).toEqual({ key: 'programmeName' });
		expect(row?.detail).not.toContain('Northmoor');
	});

	it('refuses a save made from a stale version, keeping the other person’s value', async () => {
		const service = world.services[0];
		const admin = service.actors.provider_admin;
		expect(await setSetting(admin, 'suppressionThreshold', 6, 0)).toEqual({ ok: true });
		const refused = await setSetting(admin, 'suppressionThreshold', 8, 0);
		expect(refused).toEqual({ ok: false, reason: 'stale', messages: [expect.stringMatching(/Someone else changed this setting/)] });
		expect(await readSetting(db(), service.id, 'suppressionThreshold')).toEqual({ value: 6, version: 1 });
		expect(await auditRows(service.id, 'suppressionThreshold')).toHaveLength(1);
	});

	it('refuses a first save when someone else saved first', async () => {
		const service = world.services[1];
		const admin = service.actors.provider_admin;
		expect(await setSetting(admin, 'requireMfaForOversight', true, 0)).toEqual({ ok: true });
		expect(await setSetting(admin, 'requireMfaForOversight', false, 0)).toMatchObject({ ok: false, reason: 'stale' });
		expect(await getSetting(db(), service.id, 'requireMfaForOversight')).toBe(true);
	});

	it('validates the value with the key’s schema, including from ≤ to', async () => {
		const service = world.services[0];
		const admin = service.actors.provider_admin;
		expect(await setSetting(admin, 'programmeName', '', 0)).toMatchObject({ ok: false, reason: 'invalid' });
		expect(await setSetting(admin, 'minimumDenominator', 1, 0)).toMatchObject({ ok: false, reason: 'invalid' });
		const backwards = { schoolYearFrom: 11, schoolYearTo: 9, collegeAgeFrom: 16, collegeAgeTo: 18, collegeAgeToWithEhcp: 25 };
		expect(await setSetting(admin, 'eligibility', backwards, 0)).toEqual({ ok: false, reason: 'invalid', messages: ['The last school year must be the same as or after the first'] });
		const tooOld = { schoolYearFrom: 7, schoolYearTo: 13, collegeAgeFrom: 16, collegeAgeTo: 18, collegeAgeToWithEhcp: 26 };
		expect(await setSetting(admin, 'eligibility', tooOld, 0)).toMatchObject({ ok: false, reason: 'invalid' });
		expect(await readSetting(db(), service.id, 'eligibility')).toMatchObject({ version: 0 });
		expect(await auditRows(service.id, 'eligibility')).toHaveLength(0);
	});

	it('saves several settings all or none', async () => {
		const service = world.services[1];
		const admin = service.actors.provider_admin;
		const refused = await setSettings(admin, [
			{ key: 'suppressionThreshold', value: 7, expectedVersion: 0 },
			{ key: 'minimumDenominator', value: 12, expectedVersion: 3 }
		]);
		expect(refused).toMatchObject({ ok: false, reason: 'stale' });
		expect(await readSetting(db(), service.id, 'suppressionThreshold')).toEqual({ value: 5, version: 0 });
		expect(await auditRows(service.id, 'suppressionThreshold')).toHaveLength(0);
	});

	it('lets only a provider admin change settings, even if a route forgot its guard', async () => {
		const youthWorker = world.services[0].actors.youth_worker;
		await expect(setSetting(youthWorker, 'programmeName', 'Hijacked', 1)).rejects.toThrow(/provider admin/);
	});

	it('shows every setting on the overview with a link to change it', async () => {
		const sections = await settingsSummary(db(), world.services[0].id);
		const rows = sections.flatMap((section) => section.rows);
		const byLabel = Object.fromEntries(rows.map((row) => [row.label, row]));
		expect(byLabel['Programme name']?.value).toEqual(['Northmoor DIVERT']);
		expect(byLabel['Small-number threshold']?.value).toEqual(['Counts from 1 to 5 show as “<6”']);
		expect(byLabel['Authenticator app for governors and commissioners']?.value).toEqual(['Optional']);
		expect(byLabel['Modules']?.value).toEqual(['1. Drug-specific harm reduction advice (core)', '2. Economic and lifestyle impact of drug use (core)', '3. Tailored individual advice and support (core)']);
		expect(byLabel['Local numbers']?.value).toEqual(['Test Borough 1: no numbers yet']);
		expect(rows.every((row) => row.href.startsWith('/admin/settings/') && row.hint.length > 0)).toBe(true);
	});
});
