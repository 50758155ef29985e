import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, t, type Db } from '$lib/server/db';
import { authenticate, loadAuthContext } from '$lib/server/auth/context';
import {
	ABSOLUTE_LIFETIME_MS,
	createSession,
	IDLE_TIMEOUT_MS,
	invalidateUserSessions,
	validateSessionToken
} from '$lib/server/auth/session';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

const meta = { address: '127.0.0.1', userAgent: 'test' };
const at = (iso: string) => new Date(iso);

/** The two ways a token is checked: on its own, and in the request's one-query sign-in check (hooks). */
const CHECKS: [string, (q: Db, token: string, now?: Date) => Promise<{ status: string }>][] = [
	['validateSessionToken', validateSessionToken],
	['authenticate (every request)', authenticate]
];

describe.each(CHECKS)('sessions (the Lucia design, SECURITY.md 8), checked by %s', (_name, checkToken) => {
	it('stores only a hash of the secret, and a token of at least 128 bits', async () => {
		const userId = world.services[0].actors.youth_worker.userId;
		const { token, session } = await createSession(db(), userId, meta);
		const secret = token.split('.')[1] ?? '';
		expect(secret.length * 5).toBeGreaterThanOrEqual(128);
		const [row] = await db().select().from(t.authSession).where(eq(t.authSession.id, session.id));
		expect(row?.secretHash.toString('hex')).not.toContain(Buffer.from(secret).toString('hex'));
		expect(JSON.stringify(row)).not.toContain(secret);
	});

	it('refuses a token with the wrong secret', async () => {
		const { token } = await createSession(db(), world.services[0].actors.youth_worker.userId, meta);
		const [id] = token.split('.');
		expect((await checkToken(db(), `${id}.${'a'.repeat(32)}`)).status).toBe('invalid');
		expect((await checkToken(db(), 'garbage')).status).toBe('invalid');
	});

	it('times out after 30 minutes idle, and says whose session it was', async () => {
		const start = at('2026-11-26T09:00:00Z');
		const userId = world.services[0].actors.youth_worker.userId;
		const { token } = await createSession(db(), userId, meta, start);
		expect((await checkToken(db(), token, new Date(start.getTime() + IDLE_TIMEOUT_MS - 1000))).status).toBe('valid');
		const later = new Date(start.getTime() + 2 * IDLE_TIMEOUT_MS - 2000);
		expect((await checkToken(db(), token, later)).status).toBe('valid');
		const idle = await checkToken(db(), token, new Date(later.getTime() + IDLE_TIMEOUT_MS));
		expect(idle).toEqual({ status: 'expired', userId });
	});

	it('ends after 12 hours however active the person is', async () => {
		const start = at('2026-11-26T06:00:00Z');
		const { token } = await createSession(db(), world.services[0].actors.youth_worker.userId, meta, start);
		for (let m = 20; m < 12 * 60; m += 20) {
			expect((await checkToken(db(), token, new Date(start.getTime() + m * 60_000))).status).toBe('valid');
		}
		expect((await checkToken(db(), token, new Date(start.getTime() + ABSOLUTE_LIFETIME_MS))).status).toBe('expired');
	});

	it('records activity at most once a minute', async () => {
		const start = at('2026-11-26T10:00:00Z');
		const { token, session } = await createSession(db(), world.services[0].actors.youth_worker.userId, meta, start);
		await checkToken(db(), token, new Date(start.getTime() + 30_000));
		const lastActive = async () => (await db().select().from(t.authSession).where(eq(t.authSession.id, session.id)))[0]?.lastActiveAt.getTime();
		expect(await lastActive()).toBe(start.getTime());
		await checkToken(db(), token, new Date(start.getTime() + 61_000));
		expect(await lastActive()).toBe(start.getTime() + 61_000);
	});

	it('ends every other session of a user at once, keeping the one named', async () => {
		const userId = world.services[1].actors.youth_worker.userId;
		const a = await createSession(db(), userId, meta);
		const b = await createSession(db(), userId, meta);
		await invalidateUserSessions(db(), userId, a.session.id);
		expect((await checkToken(db(), a.token)).status).toBe('valid');
		expect((await checkToken(db(), b.token)).status).toBe('invalid');
	});
});

describe('the request’s one-query sign-in check (auth/context.ts authenticate)', () => {
	it('gives the person behind the session as loading them on their own does, with the school or service they work for', async () => {
		const dsl = world.services[0].schools[0].actors.dsl;
		const youthWorker = world.services[0].actors.youth_worker;
		for (const actor of [dsl, youthWorker]) {
			const { token, session } = await createSession(db(), actor.userId, meta);
			const check = await authenticate(db(), token);
			if (check.status !== 'valid') throw new Error(`expected a valid session, got ${check.status}`);
			expect(check.auth).toEqual(await loadAuthContext(db(), session));
			expect(check.auth).toMatchObject({ userId: actor.userId, role: actor.role, serviceId: actor.serviceId, schoolId: actor.schoolId });
		}
		const [school] = await db().select({ name: t.school.name }).from(t.school).where(eq(t.school.id, dsl.schoolId ?? ''));
		const { token } = await createSession(db(), dsl.userId, meta);
		expect(await authenticate(db(), token)).toMatchObject({ status: 'valid', auth: { organisation: school?.name } });
	});

	it('gives no person for a deactivated user’s live session', async () => {
		const userId = world.services[1].schools[1].actors.deputy_dsl.userId;
		const { token } = await createSession(db(), userId, meta);
		await db().update(t.user).set({ active: false }).where(eq(t.user.id, userId));
		expect(await authenticate(db(), token)).toEqual({ status: 'valid', auth: null });
		await db().update(t.user).set({ active: true }).where(eq(t.user.id, userId));
	});

	it('requires MFA of a governor once the service asks it of oversight roles', async () => {
		const governor = world.services[1].schools[0].actors.governor;
		const { token } = await createSession(db(), governor.userId, meta);
		expect(await authenticate(db(), token)).toMatchObject({ auth: { mfaRequired: false } });
		await db().insert(t.setting).values({ serviceId: governor.serviceId, key: 'requireMfaForOversight', value: 'true', updatedAt: new Date() });
		expect(await authenticate(db(), token)).toMatchObject({ auth: { mfaRequired: true } });
	});
});
