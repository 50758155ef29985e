import { and, eq, isNull } from 'drizzle-orm';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { recordAudit } from '../audit/audit';
import { t, type Db, type Tx } from '../db';
import { newId, randomBytes } from '../util/ids';
import { sha256Hex } from '../util/hash';
import type { Actor } from './actor';
import { countHit, isLimited, MFA_ATTEMPTS } from './rate-limit';
import { createSession, invalidateSession, invalidateUserSessions } from './session';
import { matchTotp } from './totp';

export const RECOVERY_CODE_COUNT = 10;
/** Step-up: exports need an MFA code from the last 15 minutes (SECURITY.md 10). */
export const STEP_UP_WINDOW_MS = 15 * 60_000;

interface Meta {
	address: string;
	userAgent: string;
}

/** The key to show at enrolment: made once and kept until a code proves the app holds it. */
export async function pendingTotpKey(db: Db, userId: string): Promise<Uint8Array> {
	return db.transaction(async (tx) => {
		const [row] = await tx.select({ key: t.user.totpPendingKey }).from(t.user).where(eq(t.user.id, userId));
		if (row?.key) return new Uint8Array(row.key);
		const key = randomBytes(20);
		await tx.update(t.user).set({ totpPendingKey: Buffer.from(key) }).where(eq(t.user.id, userId));
		return key;
	});
}

function normaliseRecoveryCode(code: string): string {
	return code.replace(/[\s-]/g, '').toUpperCase();
}

async function issueRecoveryCodes(tx: Tx, userId: string, now: Date): Promise<string[]> {
	await tx.delete(t.recoveryCode).where(eq(t.recoveryCode.userId, userId));
	const codes: string[] = [];
	for (let i = 0; i < RECOVERY_CODE_COUNT; i++) {
		const raw = encodeBase32UpperCaseNoPadding(randomBytes(8)).slice(0, 12);
		codes.push(`${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`);
		await tx.insert(t.recoveryCode).values({ id: newId(), userId, codeHash: sha256Hex(raw), createdAt: now });
	}
	return codes;
}

export type MfaResult = { ok: true; token: string } | { ok: false; reason: 'invalid' | 'throttled' };

/**
 * Finishes enrolment with a first code from the pending key. Rotates the session token, ends the
 * user's other sessions (an MFA change), and returns the recovery codes to show once.
 */
export async function completeEnrolment(
	db: Db,
	actor: Actor,
	code: string,
	meta: Meta,
	now = new Date()
): Promise<(MfaResult & { ok: false }) | { ok: true; token: string; recoveryCodes: string[] }> {
	const limitKey = `mfa:${actor.userId}`;
	if (await isLimited(db, limitKey, MFA_ATTEMPTS, now)) return { ok: false, reason: 'throttled' };
	const [row] = await db.select({ key: t.user.totpPendingKey }).from(t.user).where(eq(t.user.id, actor.userId));
	const key = row?.key ? new Uint8Array(row.key) : null;
	const step = key ? matchTotp(key, code, now, null) : null;
	if (!key || step === null) {
		await countHit(db, limitKey, MFA_ATTEMPTS, now);
		return { ok: false, reason: 'invalid' };
	}
	return db.transaction(async (tx) => {
		await tx
			.update(t.user)
			.set({ totpKey: Buffer.from(key), totpPendingKey: null, totpEnrolledAt: now, totpLastStep: step })
			.where(eq(t.user.id, actor.userId));
		const recoveryCodes = await issueRecoveryCodes(tx, actor.userId, now);
		await invalidateUserSessions(tx, actor.userId);
		const { token } = await createSession(tx, actor.userId, { ...meta, mfaVerifiedAt: now }, now);
		await recordAudit(tx, actor, { action: 'auth.mfa.enrolled' });
		return { ok: true as const, token, recoveryCodes };
	});
}

/** Accepts a code once: records its step so the same code (or an older one) is refused after. */
async function acceptTotp(db: Db, actor: Actor, code: string, now: Date): Promise<'ok' | 'invalid' | 'throttled'> {
	const limitKey = `mfa:${actor.userId}`;
	if (await isLimited(db, limitKey, MFA_ATTEMPTS, now)) return 'throttled';
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select({ key: t.user.totpKey, lastStep: t.user.totpLastStep })
			.from(t.user)
			.where(eq(t.user.id, actor.userId));
		const step = row?.key ? matchTotp(new Uint8Array(row.key), code, now, row.lastStep) : null;
		if (step === null) {
			await countHit(tx, limitKey, MFA_ATTEMPTS, now);
			await recordAudit(tx, actor, { action: 'auth.mfa.failed' });
			return 'invalid';
		}
		await tx.update(t.user).set({ totpLastStep: step }).where(eq(t.user.id, actor.userId));
		return 'ok';
	});
}

/** Signs the session in fully with a code, rotating the token (SECURITY.md 5). */
export async function verifyMfa(db: Db, actor: Actor, code: string, meta: Meta, now = new Date()): Promise<MfaResult> {
	const accepted = await acceptTotp(db, actor, code, now);
	if (accepted !== 'ok') return { ok: false, reason: accepted };
	return rotateVerified(db, actor, meta, now, 'auth.mfa.verified');
}

/** Signs in fully with a single-use recovery code. */
export async function useRecoveryCode(db: Db, actor: Actor, code: string, meta: Meta, now = new Date()): Promise<MfaResult> {
	const limitKey = `mfa:${actor.userId}`;
	if (await isLimited(db, limitKey, MFA_ATTEMPTS, now)) return { ok: false, reason: 'throttled' };
	const used = await db
		.update(t.recoveryCode)
		.set({ usedAt: now })
		.where(
			and(
				eq(t.recoveryCode.userId, actor.userId),
				eq(t.recoveryCode.codeHash, sha256Hex(normaliseRecoveryCode(code))),
				isNull(t.recoveryCode.usedAt)
			)
		)
		.returning({ id: t.recoveryCode.id });
	if (used.length !== 1) {
		await countHit(db, limitKey, MFA_ATTEMPTS, now);
		return { ok: false, reason: 'invalid' };
	}
	return rotateVerified(db, actor, meta, now, 'auth.mfa.recovery-code-used');
}

async function rotateVerified(db: Db, actor: Actor, meta: Meta, now: Date, action: string): Promise<MfaResult> {
	return db.transaction(async (tx) => {
		await invalidateSession(tx, actor.sessionId);
		const { token } = await createSession(tx, actor.userId, { ...meta, mfaVerifiedAt: now }, now);
		await recordAudit(tx, actor, { action });
		return { ok: true as const, token };
	});
}

/** Step-up: a fresh code marks this session as recently verified, for 15 minutes of exports. */
export async function stepUp(db: Db, actor: Actor, code: string, now = new Date()): Promise<'ok' | 'invalid' | 'throttled'> {
	const accepted = await acceptTotp(db, actor, code, now);
	if (accepted !== 'ok') return accepted;
	await db.transaction(async (tx) => {
		await tx.update(t.authSession).set({ mfaVerifiedAt: now, lastActiveAt: now }).where(eq(t.authSession.id, actor.sessionId));
		await recordAudit(tx, actor, { action: 'auth.step-up' });
	});
	return 'ok';
}

export function hasFreshStepUp(actor: Pick<Actor, 'mfaVerifiedAt'>, now = new Date()): boolean {
	const at = actor.mfaVerifiedAt;
	return at !== null && now.getTime() - at.getTime() < STEP_UP_WINDOW_MS;
}

/** New recovery codes (the old ones stop working). */
export async function regenerateRecoveryCodes(db: Db, actor: Actor, now = new Date()): Promise<string[]> {
	return db.transaction(async (tx) => {
		const codes = await issueRecoveryCodes(tx, actor.userId, now);
		await recordAudit(tx, actor, { action: 'auth.mfa.recovery-codes-renewed' });
		return codes;
	});
}
