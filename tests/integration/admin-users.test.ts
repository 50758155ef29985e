import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import type { Actor } from '$lib/server/auth/actor';
import { createSession } from '$lib/server/auth/session';
import { changeUserRole, OWN_DEACTIVATION, OWN_MFA, OWN_ROLE, resendPasswordLink, resetUserMfa, setUserActive, USER_STALE } from '$lib/server/admin/user-changes';
import { createUser, EMAIL_TAKEN, listUsers, SCHOOL_REQUIRED, viewUser, type NewUser } from '$lib/server/admin/users';
import { db, t } from '$lib/server/db';
import { setPasswordWithLink } from '$lib/server/users/links';
import { newId } from '$lib/server/util/ids';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

const admin = (s: 0 | 1): Actor => world.services[s].actors.provider_admin;
const PASSWORD = 'Tangerine orbit lantern 42';

async function auditCount(action?: string): Promise<number> {
	const [row] = await db()
		.select({ n: count() })
		.from(t.auditEvent)
		.where(action ? eq(t.auditEvent.action, action) : undefined);
	return row?.n ?? 0;
}

async function sessionCount(userId: string): Promise<number> {
	const [row] = await db().select({ n: count() }).from(t.authSession).where(eq(t.authSession.userId, userId));
	return row?.n ?? 0;
}

async function signInTwice(userId: string): Promise<void> {
	for (const agent of ['laptop', 'phone']) await createSession(db(), userId, { address: '127.0.0.1', userAgent: agent, mfaVerifiedAt: new Date() });
}

async function userRow(userId: string) {
	const [row] = await db().select().from(t.user).where(eq(t.user.id, userId));
	return row;
}

async function membershipOf(userId: string) {
	const [row] = await db().select().from(t.membership).where(eq(t.membership.userId, userId));
	return row;
}

let emailSeq = 0;
function newUser(overrides: Partial<NewUser> = {}): NewUser {
	emailSeq++;
	return { email: `new.person.${emailSeq}@school.example`, displayName: 'Alex Morgan', role: 'youth_worker', schoolId: '', senior: false, ...overrides };
}

async function made(actor: Actor, input: NewUser): Promise<{ userId: string; link: string }> {
	const result = await createUser(actor, input);
	if (!result.ok) throw new Error(`setup failed: ${result.message}`);
	return result;
}

const secretOf = (link: string) => link.split('/set-password/')[1] ?? '';

describe('creating users', () => {
	it('creates a DSL with a membership at the school, a working set-password link and an email', async () => {
		const school = world.services[0].schools[0];
		const before = await auditCount();
		const result = await made(admin(0), newUser({ email: ' Jo.Bloggs@School.Example ', displayName: 'Jo Bloggs', role: 'dsl', schoolId: school.id }));
		expect(await membershipOf(result.userId)).toMatchObject({ role: 'dsl', serviceId: world.services[0].id, schoolId: school.id });
		expect(await userRow(result.userId)).toMatchObject({ email: 'jo.bloggs@school.example', active: true, passwordHash: null });
		expect(await auditCount()).toBe(before + 1);

		const [email] = await db().select().from(t.outbox).where(eq(t.outbox.kind, 'email')).orderBy(t.outbox.createdAt);
		const message = JSON.parse(email?.payload ?? '{}') as { to: string; subject: string; text: string };
		expect(email?.serviceId).toBe(world.services[0].id);
		expect(message.to).toBe('jo.bloggs@school.example');
		expect(message.text).toContain('An account has been made for you on Divert for Schools');
		expect(message.text).toContain(result.link);
		expect(message.text).not.toContain(school.name);
		expect(message.text).not.toContain('Jo Bloggs');

		expect(await setPasswordWithLink(db(), secretOf(result.link), PASSWORD, '127.0.0.1')).toEqual({ ok: true });
		expect((await userRow(result.userId))?.passwordHash).not.toBeNull();
	});

	it('keeps a service role without a school, and the senior flag only for a youth worker', async () => {
		const worker = await made(admin(0), newUser({ role: 'youth_worker', schoolId: world.services[0].schools[0].id, senior: true }));
		expect(await membershipOf(worker.userId)).toMatchObject({ role: 'youth_worker', schoolId: null });
		expect((await userRow(worker.userId))?.senior).toBe(true);
		const governor = await made(admin(0), newUser({ role: 'governor', schoolId: world.services[0].schools[1].id, senior: true }));
		expect((await userRow(governor.userId))?.senior).toBe(false);
	});

	it('refuses a school role without a school, writing nothing', async () => {
		const before = await auditCount();
		const input = newUser({ role: 'deputy_dsl', schoolId: '' });
		expect(await createUser(admin(0), input)).toEqual({ ok: false, reason: 'refused', field: 'schoolId', message: SCHOOL_REQUIRED });
		expect(await db().select().from(t.user).where(eq(t.user.email, input.email))).toHaveLength(0);
		expect(await auditCount()).toBe(before);
	});

	it('refuses a school of another service', async () => {
		const result = await createUser(admin(0), newUser({ role: 'dsl', schoolId: world.services[1].schools[0].id }));
		expect(result).toMatchObject({ ok: false, field: 'schoolId' });
	});

	it('refuses a deactivated school', async () => {
		const schoolId = newId();
		await db().insert(t.school).values({ id: schoolId, serviceId: world.services[0].id, name: 'Closed School', urn: '150001', type: 'Academy', phase: 'Secondary', localAuthority: 'Test Borough 1', active: false, createdAt: new Date() });
		expect(await createUser(admin(0), newUser({ role: 'governor', schoolId }))).toMatchObject({ ok: false, field: 'schoolId' });
	});

	it('refuses a role that does not exist', async () => {
		expect(await createUser(admin(0), newUser({ role: 'superuser' }))).toMatchObject({ ok: false, field: 'role' });
	});

	it('refuses an email that already has an account, in this service or another, saying no more', async () => {
		expect(await createUser(admin(0), newUser({ email: 'DSL.1.1@test.example' }))).toEqual({ ok: false, reason: 'refused', field: 'email', message: EMAIL_TAKEN });
		expect(await createUser(admin(0), newUser({ email: 'dsl.2.1@test.example' }))).toEqual({ ok: false, reason: 'refused', field: 'email', message: EMAIL_TAKEN });
	});
});

describe('listing and viewing users', () => {
	it('lists only the admin’s own service, filtered by role, and audits the filter', async () => {
		const dsls = await listUsers(admin(0), { role: 'dsl' });
		expect(dsls.length).toBeGreaterThanOrEqual(2);
		expect(dsls.every((u) => u.role === 'dsl')).toBe(true);
		const all = await listUsers(admin(0), { role: null });
		const service2 = world.services[1];
		const otherIds = [...Object.values(service2.actors), ...service2.schools.flatMap((s) => Object.values(s.actors))].map((a) => a.userId);
		expect(all.map((u) => u.id)).toContain(world.services[0].schools[1].actors.governor.userId);
		expect(all.filter((u) => otherIds.includes(u.id))).toEqual([]);
		const rows = await db().select({ detail: t.auditEvent.detail, actor: t.auditEvent.actorUserId }).from(t.auditEvent).where(eq(t.auditEvent.action, 'user.list'));
		expect(rows.map((r) => r.detail)).toEqual(['{"role":"dsl"}', '{"role":null}']);
		expect(rows.every((r) => r.actor === admin(0).userId)).toBe(true);
	});

	it('shows a user of the service with their school and audits the view', async () => {
		const dsl = world.services[0].schools[0].actors.dsl;
		const before = await auditCount('user.viewed');
		const view = await viewUser(admin(0), dsl.userId);
		expect(view).toMatchObject({ role: 'dsl', schoolName: 'Test School 1.1', status: 'invited', mfaEnrolled: false, lastSignInAt: null });
		expect(await auditCount('user.viewed')).toBe(before + 1);
	});
});

describe('another service’s users', () => {
	it('cannot be seen or changed by an admin of service 1', async () => {
		const other = world.services[1].schools[0].actors.dsl;
		await signInTwice(other.userId);
		const before = await auditCount();
		expect(await viewUser(admin(0), other.userId)).toBeNull();
		expect(await changeUserRole(admin(0), other.userId, { role: 'governor', schoolId: world.services[0].schools[0].id, senior: false, version: 1 })).toEqual({ ok: false, reason: 'not-found' });
		expect(await setUserActive(admin(0), other.userId, false)).toEqual({ ok: false, reason: 'not-found' });
		expect(await resendPasswordLink(admin(0), other.userId)).toEqual({ ok: false, reason: 'not-found' });
		expect(await resetUserMfa(admin(0), other.userId)).toEqual({ ok: false, reason: 'not-found' });
		expect(await auditCount()).toBe(before);
		expect(await sessionCount(other.userId)).toBe(2);
		expect(await membershipOf(other.userId)).toMatchObject({ role: 'dsl', serviceId: world.services[1].id });
		expect(await userRow(other.userId)).toMatchObject({ active: true, version: 1 });
	});
});

describe('changing users', () => {
	it('changes a role and school, ending the user’s sessions', async () => {
		const user = await made(admin(0), newUser({ role: 'youth_worker' }));
		await signInTwice(user.userId);
		const school = world.services[0].schools[1];
		const result = await changeUserRole(admin(0), user.userId, { role: 'governor', schoolId: school.id, senior: false, version: 1 });
		expect(result).toEqual({ ok: true });
		expect(await membershipOf(user.userId)).toMatchObject({ role: 'governor', schoolId: school.id });
		expect(await sessionCount(user.userId)).toBe(0);
		const [audit] = await db().select().from(t.auditEvent).where(and(eq(t.auditEvent.action, 'user.role-changed'), eq(t.auditEvent.recordId, user.userId)));
		expect(JSON.parse(audit?.detail ?? '{}')).toMatchObject({ from: 'youth_worker', role: 'governor', schoolId: school.id });
	});

	it('refuses a stale role change and keeps the other person’s change', async () => {
		const user = await made(admin(0), newUser({ role: 'youth_worker' }));
		expect(await changeUserRole(admin(0), user.userId, { role: 'commissioner', schoolId: '', senior: false, version: 1 })).toEqual({ ok: true });
		const stale = await changeUserRole(admin(0), user.userId, { role: 'youth_worker', schoolId: '', senior: true, version: 1 });
		expect(stale).toMatchObject({ ok: false, reason: 'stale', message: USER_STALE, current: { role: 'commissioner', version: 2 } });
		expect(await membershipOf(user.userId)).toMatchObject({ role: 'commissioner' });
		expect((await userRow(user.userId))?.senior).toBe(false);
	});

	it('refuses an admin demoting themselves', async () => {
		const result = await changeUserRole(admin(0), admin(0).userId, { role: 'youth_worker', schoolId: '', senior: false, version: 1 });
		expect(result).toEqual({ ok: false, reason: 'refused', field: 'role', message: OWN_ROLE });
		expect(await membershipOf(admin(0).userId)).toMatchObject({ role: 'provider_admin' });
	});

	it('deactivates a user, deleting every session at once, and reactivates them', async () => {
		const user = await made(admin(0), newUser());
		await signInTwice(user.userId);
		const before = await auditCount();
		expect(await setUserActive(admin(0), user.userId, false)).toEqual({ ok: true });
		expect(await sessionCount(user.userId)).toBe(0);
		expect((await userRow(user.userId))?.active).toBe(false);
		expect(await auditCount()).toBe(before + 1);
		expect(await auditCount('user.deactivated')).toBe(1);
		expect((await viewUser(admin(0), user.userId))?.status).toBe('deactivated');
		expect(await setUserActive(admin(0), user.userId, true)).toEqual({ ok: true });
		expect((await userRow(user.userId))?.active).toBe(true);
		expect(await auditCount('user.reactivated')).toBe(1);
	});

	it('refuses an admin deactivating themselves', async () => {
		expect(await setUserActive(admin(0), admin(0).userId, false)).toEqual({ ok: false, reason: 'refused', field: 'form', message: OWN_DEACTIVATION });
		expect((await userRow(admin(0).userId))?.active).toBe(true);
	});

	it('sends a new set-password link that replaces the old one', async () => {
		const user = await made(admin(0), newUser());
		const result = await resendPasswordLink(admin(0), user.userId);
		if (!result.ok) throw new Error('resend refused');
		expect(result.link).not.toBe(user.link);
		expect(await setPasswordWithLink(db(), secretOf(user.link), PASSWORD, '127.0.0.1')).toMatchObject({ ok: false, field: 'link' });
		expect(await setPasswordWithLink(db(), secretOf(result.link), PASSWORD, '127.0.0.1')).toEqual({ ok: true });
		const emails = await db().select({ payload: t.outbox.payload }).from(t.outbox).where(eq(t.outbox.kind, 'email'));
		expect(emails.some((e) => e.payload.includes(result.link))).toBe(true);
		expect(await auditCount('user.link-resent')).toBe(1);
	});

	it('refuses a new link for a deactivated user', async () => {
		const user = await made(admin(0), newUser());
		await setUserActive(admin(0), user.userId, false);
		expect(await resendPasswordLink(admin(0), user.userId)).toMatchObject({ ok: false, reason: 'refused' });
	});

	it('refuses an admin resetting their own MFA', async () => {
		expect(await resetUserMfa(admin(0), admin(0).userId)).toEqual({ ok: false, reason: 'refused', field: 'form', message: OWN_MFA });
	});

	it('resets MFA: clears the key and recovery codes, ends every session, and audits it', async () => {
		const user = await made(admin(0), newUser());
		const now = new Date();
		await db()
			.update(t.user)
			.set({ totpKey: Buffer.alloc(20, 1), totpPendingKey: Buffer.alloc(20, 2), totpEnrolledAt: now, totpLastStep: 123 })
			.where(eq(t.user.id, user.userId));
		await db().insert(t.recoveryCode).values({ id: newId(), userId: user.userId, codeHash: 'x', createdAt: now });
		await signInTwice(user.userId);
		const before = await auditCount('user.mfa.reset');

		expect(await resetUserMfa(admin(0), user.userId)).toEqual({ ok: true });
		expect(await userRow(user.userId)).toMatchObject({ totpKey: null, totpPendingKey: null, totpEnrolledAt: null, totpLastStep: null });
		expect(await db().select().from(t.recoveryCode).where(eq(t.recoveryCode.userId, user.userId))).toHaveLength(0);
		expect(await sessionCount(user.userId)).toBe(0);
		expect(await auditCount('user.mfa.reset')).toBe(before + 1);
		const [audit] = await db().select().from(t.auditEvent).where(eq(t.auditEvent.action, 'user.mfa.reset'));
		expect(audit).toMatchObject({ actorUserId: admin(0).userId, recordType: 'user', recordId: user.userId, serviceId: world.services[0].id });
	});
});
