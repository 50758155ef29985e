import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, t } from '$lib/server/db';
import { BANK_HOLIDAYS } from '$lib/server/settings/bank-holidays';
import { addBankHoliday, listBankHolidays, removeBankHoliday, workingDayCalendar } from '$lib/server/settings/calendar';
import { listTermDates, saveTermDates, termDatesFor } from '$lib/server/settings/term-dates';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

const TERMS_2026 = {
	autumn: { startsOn: '2026-09-03', endsOn: '2026-12-18' },
	spring: { startsOn: '2027-01-05', endsOn: '2027-03-26' },
	summer: { startsOn: '2027-04-12', endsOn: '2027-07-21' }
};

const settingsAudit = (serviceId: string, recordType: string) =>
	db()
		.select()
		.from(t.auditEvent)
		.where(and(eq(t.auditEvent.serviceId, serviceId), eq(t.auditEvent.recordType, recordType)))
		.orderBy(t.auditEvent.id);

describe('bank holidays', () => {
	it('seeds a new service with the England and Wales bank holidays 2024–2028, sorted for the working-days rule', async () => {
		const dates = await workingDayCalendar(db(), world.services[0].id);
		expect(dates).toHaveLength(BANK_HOLIDAYS.length);
		expect(dates).toEqual([...dates].sort());
		expect(dates[0]).toBe('2024-01-01');
		expect(dates).toContain('2026-12-28');
		expect(dates.at(-1)).toBe('2028-12-26');
	});

	it('adds one for the admin’s service only, in date order, and audits it without its name', async () => {
		const [one, two] = world.services;
		expect(await addBankHoliday(one.actors.provider_admin, { date: '2027-06-04', name: 'Extra holiday for the coronation' })).toEqual({ ok: true });
		const dates = await workingDayCalendar(db(), one.id);
		expect(dates).toContain('2027-06-04');
		expect(dates).toEqual([...dates].sort());
		expect(await workingDayCalendar(db(), two.id)).not.toContain('2027-06-04');
		const [audit] = await settingsAudit(one.id, 'bank_holiday');
		expect(audit).toMatchObject({ action: 'settings.changed', recordId: '2027-06-04' });
		expect(audit?.detail).not.toContain('coronation');
	});

	it('refuses a second bank holiday on the same date', async () => {
		const admin = world.services[0].actors.provider_admin;
		expect(await addBankHoliday(admin, { date: '2026-12-25', name: 'Christmas again' })).toEqual({ ok: false, reason: 'invalid', messages: ['There is already a bank holiday on that date'] });
	});

	it('removes one, and only from the admin’s own service', async () => {
		const [one, two] = world.services;
		expect(await removeBankHoliday(two.actors.provider_admin, '2027-06-04')).toBe(false);
		expect(await workingDayCalendar(db(), one.id)).toContain('2027-06-04');
		expect(await removeBankHoliday(one.actors.provider_admin, '2024-12-26')).toBe(true);
		expect((await listBankHolidays(db(), one.id)).map((h) => h.date)).not.toContain('2024-12-26');
		expect(await workingDayCalendar(db(), two.id)).toContain('2024-12-26');
		expect((await settingsAudit(one.id, 'bank_holiday')).map((row) => JSON.parse(row.detail ?? '{}').change)).toEqual(['added', 'removed']);
	});
});

describe('term dates', () => {
	it('saves three terms for an academic year and reads them back', async () => {
		const service = world.services[0];
		const { version } = await termDatesFor(db(), service.id, 2026);
		expect(await saveTermDates(service.actors.provider_admin, 2026, TERMS_2026, version)).toEqual({ ok: true });
		expect(await listTermDates(db(), service.id)).toEqual([{ academicYear: 2026, terms: TERMS_2026 }]);
		expect(await listTermDates(db(), world.services[1].id)).toEqual([]);
		const [audit] = await settingsAudit(service.id, 'term_dates');
		expect(audit).toMatchObject({ recordId: '2026', action: 'settings.changed' });
	});

	it('refuses terms that overlap, run backwards or fall outside the academic year', async () => {
		const service = world.services[1];
		const admin = service.actors.provider_admin;
		const { version } = await termDatesFor(db(), service.id, 2026);
		const overlapping = { ...TERMS_2026, spring: { startsOn: '2026-12-01', endsOn: '2027-03-26' } };
		expect(await saveTermDates(admin, 2026, overlapping, version)).toEqual({ ok: false, reason: 'invalid', messages: ['The spring term must start after the autumn term ends'] });
		const backwards = { ...TERMS_2026, summer: { startsOn: '2027-07-21', endsOn: '2027-04-12' } };
		expect(await saveTermDates(admin, 2026, backwards, version)).toMatchObject({ ok: false, messages: ['The summer term must end on or after the day it starts'] });
		expect(await saveTermDates(admin, 2025, TERMS_2026, version)).toMatchObject({ ok: false, reason: 'invalid' });
		const malformed = { ...TERMS_2026, autumn: { startsOn: '3 Sept', endsOn: '2026-12-18' } };
		expect(await saveTermDates(admin, 2026, malformed, version)).toMatchObject({ ok: false, reason: 'invalid' });
		expect(await listTermDates(db(), service.id)).toEqual([]);
	});

	it('refuses a save made from dates someone else has changed since', async () => {
		const service = world.services[0];
		const admin = service.actors.provider_admin;
		const { version } = await termDatesFor(db(), service.id, 2026);
		const later = { ...TERMS_2026, summer: { startsOn: '2027-04-13', endsOn: '2027-07-22' } };
		expect(await saveTermDates(admin, 2026, later, version)).toEqual({ ok: true });
		const refused = await saveTermDates(admin, 2026, TERMS_2026, version);
		expect(refused).toMatchObject({ ok: false, reason: 'stale', messages: [expect.stringMatching(/Someone else changed these term dates/)] });
		expect((await termDatesFor(db(), service.id, 2026)).terms.summer).toEqual({ startsOn: '2027-04-13', endsOn: '2027-07-22' });
	});
});
