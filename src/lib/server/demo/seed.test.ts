import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../../tests/helpers/database';
import { ROLES } from '$lib/roles';
import { db, t } from '$lib/server/db';
import { passwordProblem, verifyPassword } from '$lib/server/auth/password';
import { totpAt, currentStep } from '$lib/server/auth/totp';
import { insertUser } from '$lib/server/tenancy/provision';
import { DEMO_PASSWORD, DEMO_SERVICES, DEMO_SIGN_INS } from './data';
import { demoDisplayNames, isEmptyDatabase, seedDemo, type DemoWorld } from './seed';
import { demoCodeFor } from './codes';

describe('the demo seed', () => {
	let close: () => Promise<void>;
	let world: DemoWorld;

	beforeAll(async () => {
		({ close } = await useTestDatabase());
		expect(await isEmptyDatabase(db())).toBe(true);
		world = await seedDemo(db());
	});
	afterAll(async () => close());

	it('makes the demo service with at least four schools and colleges, and a second service', async () => {
		const services = await db().select().from(t.service);
		expect(services.map((s) => s.name).sort()).toEqual([DEMO_SERVICES.north.name, DEMO_SERVICES.south.name].sort());
		const north = await db().select().from(t.school).where(eq(t.school.serviceId, world.services.north));
		expect(north.length).toBeGreaterThanOrEqual(4);
		expect(north.some((s) => /college/i.test(s.type))).toBe(true);
		expect(new Set(north.map((s) => s.localAuthority)).size).toBe(2);
		const south = await db().select().from(t.school).where(eq(t.school.serviceId, world.services.south));
		expect(south).toHaveLength(1);
	});

	it('gives every school a plainly fake URN of six digits starting with 9', async () => {
		for (const school of await db().select().from(t.school)) expect(school.urn).toMatch(/^9\d{5}$/);
	});

	it('gives every local authority fake numbers from the 01632 960 drama range', async () => {
		const contacts = await db().select().from(t.localContact);
		expect(contacts).toHaveLength(3);
		for (const c of contacts) {
			for (const phone of [c.mashPhone, c.emergencyDutyPhone, c.policeNonEmergencyPhone, c.yotPhone, c.camhsCrisisPhone]) {
				expect(phone).toMatch(/^01632 960\d{3}$/);
			}
		}
	});

	it('holds term dates for 2025/26 and 2026/27 and two schools’ numbers on roll', async () => {
		const terms = await db().select().from(t.termDate).where(eq(t.termDate.serviceId, world.services.north));
		expect([...new Set(terms.map((x) => x.academicYear))].sort()).toEqual([2025, 2026]);
		const roll = await db().select().from(t.schoolRoll);
		expect(new Set(roll.map((r) => r.schoolId))).toEqual(new Set([world.schools.oakfield, world.schools.ashdale]));
		expect(new Set(roll.map((r) => r.academicYear))).toEqual(new Set([2025]));
	});

	it('makes one account per role in the demo service, and an admin and a DSL in the second', async () => {
		const members = await db().select().from(t.membership);
		const northRoles = new Set(members.filter((m) => m.serviceId === world.services.north).map((m) => m.role));
		expect([...northRoles].sort()).toEqual([...ROLES].sort());
		const southRoles = members.filter((m) => m.serviceId === world.services.south).map((m) => m.role);
		expect(southRoles.sort()).toEqual(['dsl', 'provider_admin']);
		const [senior] = await db().select().from(t.user).where(eq(t.user.email, 'senior.youthworker@example.org'));
		expect(senior?.senior).toBe(true);
	});

	it('uses a demo password that the password rules accept, for every account', async () => {
		expect(passwordProblem(DEMO_PASSWORD)).toBeNull();
		const users = await db().select().from(t.user);
		expect(users).toHaveLength(DEMO_SIGN_INS.length);
		const [first] = users;
		expect(first?.passwordHash && (await verifyPassword(first.passwordHash, DEMO_PASSWORD))).toBe(true);
		for (const user of users) expect(user.passwordHash).toBe(first?.passwordHash);
	});

	it('stores each fixed authenticator secret as the key the app checks codes against', async () => {
		const now = new Date();
		for (const signIn of DEMO_SIGN_INS) {
			const result = await demoCodeFor(db(), signIn.email, now);
			if (signIn.totpSecret) {
				expect(result).toMatchObject({ ok: true });
				const [user] = await db().select().from(t.user).where(eq(t.user.email, signIn.email));
				expect(user?.totpEnrolledAt).not.toBeNull();
				expect(result.ok && result.code).toBe(totpAt(new Uint8Array(user?.totpKey ?? []), currentStep(now)));
			} else {
				expect(result).toMatchObject({ ok: false, message: expect.stringContaining('has not set up') });
			}
		}
	});

	it('names the same made-up people every time', () => {
		expect(demoDisplayNames()).toEqual(demoDisplayNames());
		expect(new Set(Object.values(demoDisplayNames())).size).toBe(DEMO_SIGN_INS.length);
	});

	it('refuses to seed a database that already has a service', async () => {
		expect(await isEmptyDatabase(db())).toBe(false);
		await expect(seedDemo(db())).rejects.toThrow('only an empty database');
	});

	it('gives no code for an account that is not a demo account', async () => {
		await db().transaction(async (tx) => {
			await insertUser(tx, { email: 'real.person@school.example', displayName: 'Real Person', role: 'dsl', serviceId: world.services.north, schoolId: world.schools.oakfield ?? null, totpKey: new Uint8Array(20) });
		});
		expect(await demoCodeFor(db(), 'real.person@school.example')).toMatchObject({ ok: false });
	});
});
