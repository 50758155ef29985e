import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, t } from '$lib/server/db';
import { listLocalContacts, localContactForEdit, localContactsFor, saveLocalContact } from '$lib/server/settings/local-contacts';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

const NUMBERS = { mashPhone: '0121 303 1888', emergencyDutyPhone: '0121 675 4806', policeNonEmergencyPhone: '101', yotPhone: '0121 464 0600', camhsCrisisPhone: '+44 (0)300 300 0099' };

describe('local numbers', () => {
	it('lists each local authority of the service’s schools, with no numbers yet', async () => {
		expect(await listLocalContacts(db(), world.services[0].id)).toEqual([{ localAuthority: 'Test Borough 1', numbers: null, version: 0 }]);
		expect(await localContactsFor(db(), world.services[0].id, 'Test Borough 1')).toBeNull();
	});

	it('adds numbers at version 1 and gives them to the referral page', async () => {
		const service = world.services[0];
		expect(await saveLocalContact(service.actors.provider_admin, 'Test Borough 1', NUMBERS, 0)).toEqual({ ok: true });
		expect(await localContactsFor(db(), service.id, 'Test Borough 1')).toEqual(NUMBERS);
		expect(await localContactForEdit(db(), service.id, 'Test Borough 1')).toMatchObject({ version: 1 });
		expect(await localContactsFor(db(), world.services[1].id, 'Test Borough 1')).toBeNull();
	});

	it('moves the version on with each change and refuses a stale save', async () => {
		const service = world.services[0];
		const admin = service.actors.provider_admin;
		expect(await saveLocalContact(admin, 'Test Borough 1', { ...NUMBERS, mashPhone: '0121 303 0000' }, 1)).toEqual({ ok: true });
		const refused = await saveLocalContact(admin, 'Test Borough 1', { ...NUMBERS, mashPhone: '0121 999 9999' }, 1);
		expect(refused).toMatchObject({ ok: false, reason: 'stale', messages: [expect.stringMatching(/Someone else changed these numbers/)] });
		expect(await saveLocalContact(admin, 'Test Borough 1', NUMBERS, 0)).toMatchObject({ ok: false, reason: 'stale' });
		expect(await localContactForEdit(db(), service.id, 'Test Borough 1')).toEqual({ localAuthority: 'Test Borough 1', numbers: { ...NUMBERS, mashPhone: '0121 303 0000' }, version: 2 });
		const audits = await db()
			.select()
			.from(t.auditEvent)
			.where(and(eq(t.auditEvent.serviceId, service.id), eq(t.auditEvent.recordType, 'local_contact')))
			.orderBy(t.auditEvent.id);
		expect(audits.map((row) => JSON.parse(row.detail ?? '{}').change)).toEqual(['added', 'changed']);
		expect(audits.every((row) => !row.detail?.includes('Borough') && !row.detail?.includes('0121'))).toBe(true);
	});

	it('adds a local authority with no school yet, listed beside the schools’ ones', async () => {
		const service = world.services[0];
		expect(await saveLocalContact(service.actors.provider_admin, 'Ashdale Borough Council', NUMBERS, 0)).toEqual({ ok: true });
		expect((await listLocalContacts(db(), service.id)).map((c) => c.localAuthority)).toEqual(['Ashdale Borough Council', 'Test Borough 1']);
	});

	it('refuses numbers with letters or other marks, or longer than 40 characters', async () => {
		const admin = world.services[1].actors.provider_admin;
		expect(await saveLocalContact(admin, 'Test Borough 2', { ...NUMBERS, yotPhone: '0121-464-0600' }, 0)).toMatchObject({ ok: false, reason: 'invalid' });
		expect(await saveLocalContact(admin, 'Test Borough 2', { ...NUMBERS, camhsCrisisPhone: 'call the GP' }, 0)).toMatchObject({ ok: false, reason: 'invalid' });
		expect(await saveLocalContact(admin, 'Test Borough 2', { ...NUMBERS, mashPhone: '0'.repeat(41) }, 0)).toMatchObject({ ok: false, reason: 'invalid' });
		expect(await localContactsFor(db(), world.services[1].id, 'Test Borough 2')).toBeNull();
	});
});
