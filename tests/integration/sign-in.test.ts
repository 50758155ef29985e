import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db, t } from '$lib/server/db';
import { hashPassword } from '$lib/server/auth/password';
import { signIn } from '$lib/server/auth/sign-in';
import { SIGN_IN_ADDRESS } from '$lib/server/auth/rate-limit';
import { validateSessionToken } from '$lib/server/auth/session';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
const PASSWORD = 'correct horse battery';
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	const hash = await hashPassword(PASSWORD);
	await db().update(t.user).set({ passwordHash: hash });
});
afterAll(() => close());

const attempt = (email: string, password: string, address = '10.0.0.1', now?: Date) =>
	signIn(db(), { email, password, address, userAgent: 'test' }, now);

describe('sign-in', () => {
	it('signs in with the right password, whatever the case of the email, and audits it', async () => {
		const result = await attempt('DSL.1.1@Test.Example ', PASSWORD);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect((await validateSessionToken(db(), result.token)).status).toBe('valid');
		const rows = await db()
			.select()
			.from(t.auditEvent)
			.where(and(eq(t.auditEvent.action, 'auth.sign-in'), eq(t.auditEvent.actorUserId, world.services[0].schools[0].actors.dsl.userId)));
		expect(rows).toHaveLength(1);
		expect(rows[0]?.address).toBe('10.0.0.1');
	});

	it('gives the same answer for a wrong password and an unknown account', async () => {
		expect(await attempt('dsl.1.2@test.example', 'wrong password here', '10.0.0.2')).toEqual({ ok: false, reason: 'invalid' });
		expect(await attempt('nobody@test.example', 'wrong password here', '10.0.0.2')).toEqual({ ok: false, reason: 'invalid' });
	});

	it('refuses a deactivated user with the same answer', async () => {
		const userId = world.services[1].schools[1].actors.governor.userId;
		await db().update(t.user).set({ active: false }).where(eq(t.user.id, userId));
		expect(await attempt('governor.2.2@test.example', PASSWORD, '10.0.0.3')).toEqual({ ok: false, reason: 'invalid' });
	});

	it('throttles an account after 5 failures, even with the right password, from any address', async () => {
		for (let i = 0; i < 5; i++) {
			expect(await attempt('youth_worker.1@test.example', `wrong-${i}-password`, `10.1.0.${i}`)).toEqual({ ok: false, reason: 'invalid' });
		}
		expect(await attempt('youth_worker.1@test.example', PASSWORD, '10.1.0.99')).toEqual({ ok: false, reason: 'throttled' });
	});

	it('lets the account in again once the window has passed', async () => {
		const later = new Date(Date.now() + 16 * 60_000);
		expect((await attempt('youth_worker.1@test.example', PASSWORD, '10.1.0.99', later)).ok).toBe(true);
	});

	it('throttles unknown accounts the same way, so throttling reveals nothing', async () => {
		for (let i = 0; i < 5; i++) await attempt('ghost@test.example', 'wrong password here', `10.2.0.${i}`);
		expect(await attempt('ghost@test.example', 'wrong password here', '10.2.0.99')).toEqual({ ok: false, reason: 'throttled' });
	});

	it('allows a shared school address many failures across accounts before throttling it', async () => {
		const address = '10.3.0.1';
		const emails = ['dsl', 'deputy_dsl', 'governor'].flatMap((r) => [`${r}.1.1@test.example`, `${r}.1.2@test.example`]);
		let failures = 0;
		for (const email of emails) {
			for (let i = 0; i < 4; i++) {
				await attempt(email, 'wrong password here', address);
				failures++;
			}
		}
		expect(failures).toBeLessThan(SIGN_IN_ADDRESS.max);
		expect((await attempt('commissioner.1@test.example', PASSWORD, address)).ok).toBe(true);
		for (let i = failures; i < SIGN_IN_ADDRESS.max; i++) await attempt(`nobody-${i}@test.example`, 'wrong password here', address);
		expect(await attempt('commissioner.2@test.example', PASSWORD, address)).toEqual({ ok: false, reason: 'throttled' });
	});

	it('audits a failure with no password or email in the row', async () => {
		const rows = await db().select().from(t.auditEvent).where(eq(t.auditEvent.action, 'auth.sign-in.failed'));
		expect(rows.length).toBeGreaterThan(0);
		expect(JSON.stringify(rows)).not.toMatch(/wrong|test\.example/);
	});
});
