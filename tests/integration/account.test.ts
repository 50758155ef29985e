import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db, t } from '$lib/server/db';
import { hashPassword, verifyPassword } from '$lib/server/auth/password';
import { createSession, validateSessionToken } from '$lib/server/auth/session';
import { changePassword } from '$lib/server/users/account';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	await db().update(t.user).set({ passwordHash: await hashPassword('the old lantern phrase') });
});
afterAll(() => close());

const meta = { address: '127.0.0.1', userAgent: 'test' };

describe('changing your own password', () => {
	it('refuses a wrong current password and a common new one', async () => {
		const actor = world.services[0].actors.youth_worker;
		expect(await changePassword(actor, 'not my password', 'a brand new lantern phrase')).toEqual({ ok: false, field: 'current', message: 'Your current password is not right' });
		expect(await changePassword(actor, 'the old lantern phrase', 'password1234')).toMatchObject({ ok: false, field: 'password' });
	});

	it('changes it, keeps this session and ends every other session of the user at once, audited', async () => {
		const base = world.services[0].actors.youth_worker;
		const here = await createSession(db(), base.userId, meta);
		const elsewhere = await createSession(db(), base.userId, meta);
		const actor = { ...base, sessionId: here.session.id };
		expect(await changePassword(actor, 'the old lantern phrase', 'a brand new lantern phrase')).toEqual({ ok: true });
		expect((await validateSessionToken(db(), here.token)).status).toBe('valid');
		expect((await validateSessionToken(db(), elsewhere.token)).status).toBe('invalid');
		const [user] = await db().select().from(t.user).where(eq(t.user.id, base.userId));
		expect(await verifyPassword(user?.passwordHash ?? '', 'a brand new lantern phrase')).toBe(true);
		const audit = await db().select().from(t.auditEvent).where(and(eq(t.auditEvent.action, 'user.password.changed'), eq(t.auditEvent.actorUserId, base.userId)));
		expect(audit).toHaveLength(1);
	});
});
