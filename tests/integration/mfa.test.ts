import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db, t } from '$lib/server/db';
import type { Actor } from '$lib/server/auth/actor';
import { completeEnrolment, hasFreshStepUp, pendingTotpKey, stepUp, useRecoveryCode, verifyMfa } from '$lib/server/auth/mfa';
import { createSession, validateSessionToken } from '$lib/server/auth/session';
import { currentStep, totpAt } from '$lib/server/auth/totp';
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

async function signedInWithPassword(base: Actor): Promise<{ actor: Actor; token: string }> {
	const { token, session } = await createSession(db(), base.userId, meta);
	return { actor: { ...base, sessionId: session.id, mfaVerifiedAt: null }, token };
}

describe('MFA enrolment and verification (SECURITY.md 5)', () => {
	const now = new Date('2026-11-26T10:00:00Z');
	let key: Uint8Array;
	let recoveryCodes: string[] = [];

	it('enrols with a code from the pending key, rotates the session and ends the old one', async () => {
		const base = world.services[0].schools[0].actors.dsl;
		const { actor, token } = await signedInWithPassword(base);
		key = await pendingTotpKey(db(), actor.userId);
		expect(await pendingTotpKey(db(), actor.userId)).toEqual(key);
		const wrong = await completeEnrolment(db(), actor, '000000', meta, now);
		expect(wrong.ok).toBe(false);
		const result = await completeEnrolment(db(), actor, totpAt(key, currentStep(now)), meta, now);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.token).not.toBe(token);
		expect((await validateSessionToken(db(), token, now)).status).toBe('invalid');
		const fresh = await validateSessionToken(db(), result.token, now);
		expect(fresh.status === 'valid' && fresh.session.mfaVerifiedAt?.getTime()).toBe(now.getTime());
		expect(result.recoveryCodes).toHaveLength(10);
		recoveryCodes = result.recoveryCodes;
		const stored = await db().select().from(t.recoveryCode).where(eq(t.recoveryCode.userId, actor.userId));
		expect(stored).toHaveLength(10);
		expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0]?.replace(/-/g, ''));
	});

	it('verifies a later code and rotates the token again', async () => {
		const { actor, token } = await signedInWithPassword(world.services[0].schools[0].actors.dsl);
		const later = new Date(now.getTime() + 60_000);
		const result = await verifyMfa(db(), actor, totpAt(key, currentStep(later)), meta, later);
		expect(result.ok).toBe(true);
		expect((await validateSessionToken(db(), token, later)).status).toBe('invalid');
	});

	it('refuses the same code a second time (no replay)', async () => {
		const { actor } = await signedInWithPassword(world.services[0].schools[0].actors.dsl);
		const later = new Date(now.getTime() + 60_000);
		expect(await verifyMfa(db(), actor, totpAt(key, currentStep(later)), meta, later)).toEqual({ ok: false, reason: 'invalid' });
	});

	it('accepts each recovery code once', async () => {
		const { actor } = await signedInWithPassword(world.services[0].schools[0].actors.dsl);
		const code = recoveryCodes[3] ?? '';
		// Every call on the test's own clock: a default (the wall clock) would put a hit in another window.
		const later = new Date(now.getTime() + 2 * 60_000);
		expect((await useRecoveryCode(db(), actor, code.toLowerCase(), meta, later)).ok).toBe(true);
		const again = await signedInWithPassword(world.services[0].schools[0].actors.dsl);
		expect(await useRecoveryCode(db(), again.actor, code, meta, later)).toEqual({ ok: false, reason: 'invalid' });
	});

	it('throttles guessing after 5 wrong codes', async () => {
		const { actor } = await signedInWithPassword(world.services[0].schools[0].actors.dsl);
		const at = new Date(now.getTime() + 5 * 60_000);
		for (let i = 0; i < 4; i++) await verifyMfa(db(), actor, '123456', meta, at);
		expect((await verifyMfa(db(), actor, '123456', meta, at)).ok).toBe(false);
		expect(await verifyMfa(db(), actor, totpAt(key, currentStep(at)), meta, at)).toEqual({ ok: false, reason: 'throttled' });
	});

	it('steps up with a fresh code for 15 minutes, and audits it', async () => {
		const base = world.services[0].schools[0].actors.dsl;
		const { actor } = await signedInWithPassword(base);
		const at = new Date(now.getTime() + 30 * 60_000);
		expect(await stepUp(db(), actor, totpAt(key, currentStep(at)), at)).toBe('ok');
		const [row] = await db().select().from(t.authSession).where(eq(t.authSession.id, actor.sessionId));
		expect(hasFreshStepUp({ mfaVerifiedAt: row?.mfaVerifiedAt ?? null }, new Date(at.getTime() + 14 * 60_000))).toBe(true);
		expect(hasFreshStepUp({ mfaVerifiedAt: row?.mfaVerifiedAt ?? null }, new Date(at.getTime() + 16 * 60_000))).toBe(false);
		const audit = await db().select().from(t.auditEvent).where(and(eq(t.auditEvent.action, 'auth.step-up'), eq(t.auditEvent.actorUserId, base.userId)));
		expect(audit).toHaveLength(1);
	});
});
