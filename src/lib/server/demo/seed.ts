import { count } from 'drizzle-orm';
import { fakerEN_GB as faker } from '@faker-js/faker';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { recordAudit } from '../audit/audit';
import { t, type Db, type Queryable, type Tx } from '../db';
import { hashPassword, passwordProblem } from '../auth/password';
import { seedServiceDefaults } from '../settings/defaults';
import { insertUser } from '../tenancy/provision';
import { newId } from '../util/ids';
import {
	DEMO_LOCAL_CONTACTS,
	DEMO_NAME_SEED,
	DEMO_PASSWORD,
	DEMO_ROLLS,
	DEMO_SCHOOLS,
	DEMO_SERVICES,
	DEMO_SIGN_INS,
	DEMO_TERM_DATES,
	type DemoServiceKey
} from './data';

/** The ids the demo made, so later issues can add their own demo records (referrals, sessions) to it. */
export interface DemoWorld {
	services: Record<DemoServiceKey, string>;
	/** School id by the DEMO_SCHOOLS key. */
	schools: Record<string, string>;
	/** User id by email. */
	users: Record<string, string>;
}

/** True when the database holds no service yet: the demo seeds only an empty database. */
export async function isEmptyDatabase(q: Queryable): Promise<boolean> {
	const [row] = await q.select({ n: count() }).from(t.service);
	return (row?.n ?? 0) === 0;
}

/** A key written as base32 in data.ts, as the 20 bytes the app stores. */
export function demoTotpKey(secret: string): Uint8Array {
	const key = decodeBase32IgnorePadding(secret);
	if (key.length !== 20) throw new Error('A demo TOTP secret must be 20 bytes');
	return key;
}

/** Display names from faker with a fixed seed: plainly made up, and the same in every demo database. */
export function demoDisplayNames(): Record<string, string> {
	faker.seed(DEMO_NAME_SEED);
	return Object.fromEntries(DEMO_SIGN_INS.map((s) => [s.email, `${faker.person.firstName()} ${faker.person.lastName()}`]));
}

/**
 * Fills an empty database with the demo: two services (the second shows isolation), their schools and
 * colleges, local numbers, term dates, two schools' numbers on roll, and one account per role with
 * a fixed password and authenticator key. Everything is written in one transaction with its audit rows.
 */
export async function seedDemo(db: Db, now = new Date()): Promise<DemoWorld> {
	if (passwordProblem(DEMO_PASSWORD)) throw new Error('The demo password must pass the password rules');
	if (!(await isEmptyDatabase(db))) throw new Error('The demo seeds only an empty database');
	// One hash for every demo account: they share the password, and argon2 is slow on purpose.
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const names = demoDisplayNames();
	return db.transaction(async (tx) => {
		const world: DemoWorld = { services: { north: '', south: '' }, schools: {}, users: {} };
		for (const key of Object.keys(DEMO_SERVICES) as DemoServiceKey[]) {
			world.services[key] = await insertService(tx, DEMO_SERVICES[key].name, now);
		}
		for (const school of DEMO_SCHOOLS) {
			const id = newId();
			const serviceId = world.services[school.service];
			await tx.insert(t.school).values({
				id,
				serviceId,
				name: school.name,
				urn: school.urn,
				type: school.type,
				phase: school.phase,
				localAuthority: school.localAuthority,
				active: true,
				createdAt: now
			});
			await recordAudit(tx, null, { action: 'school.created', serviceId, schoolId: id, recordType: 'school', recordId: id, detail: { source: 'demo' } });
			world.schools[school.key] = id;
		}
		for (const contact of DEMO_LOCAL_CONTACTS) {
			const { service, ...numbers } = contact;
			await tx.insert(t.localContact).values({ id: newId(), serviceId: world.services[service], ...numbers });
		}
		for (const serviceId of Object.values(world.services)) {
			for (const term of DEMO_TERM_DATES) await tx.insert(t.termDate).values({ id: newId(), serviceId, ...term, createdAt: now });
		}
		await insertRoll(tx, world);
		for (const signIn of DEMO_SIGN_INS) {
			const serviceId = world.services[signIn.service];
			const schoolId = signIn.school ? (world.schools[signIn.school] ?? null) : null;
			const userId = await insertUser(
				tx,
				{
					email: signIn.email,
					displayName: names[signIn.email] ?? signIn.email,
					role: signIn.role,
					serviceId,
					schoolId,
					senior: signIn.senior ?? false,
					passwordHash,
					totpKey: signIn.totpSecret ? demoTotpKey(signIn.totpSecret) : null
				},
				now
			);
			await recordAudit(tx, null, { action: 'user.created', serviceId, schoolId, recordType: 'user', recordId: userId, detail: { role: signIn.role, source: 'demo' } });
			world.users[signIn.email] = userId;
		}
		return world;
	});
}

async function insertService(tx: Tx, name: string, now: Date): Promise<string> {
	const serviceId = newId();
	await tx.insert(t.service).values({ id: serviceId, name, createdAt: now });
	await seedServiceDefaults(tx, serviceId, now);
	await recordAudit(tx, null, { action: 'service.created', serviceId, recordType: 'service', recordId: serviceId, detail: { source: 'demo' } });
	return serviceId;
}

async function insertRoll(tx: Tx, world: DemoWorld): Promise<void> {
	for (const roll of DEMO_ROLLS) {
		const schoolId = world.schools[roll.school];
		const school = DEMO_SCHOOLS.find((s) => s.key === roll.school);
		if (!schoolId || !school) throw new Error('The demo roll names an unknown school');
		for (const [characteristic, groups] of Object.entries(roll.counts)) {
			for (const [groupCode, n] of Object.entries(groups)) {
				await tx.insert(t.schoolRoll).values({
					schoolId,
					serviceId: world.services[school.service],
					academicYear: roll.academicYear,
					characteristic,
					groupCode,
					count: n
				});
			}
		}
	}
}
