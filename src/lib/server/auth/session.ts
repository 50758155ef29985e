import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { and, eq, ne } from 'drizzle-orm';
import { t, type Queryable } from '../db';
import { newSecret, newId } from '../util/ids';
import { sha256Bytes } from '../util/hash';

/** SECURITY.md 8: idle timeout and absolute lifetime, enforced here on the server. */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60_000;
/** Activity is written at most once a minute per session. */
export const ACTIVITY_RESOLUTION_MS = 60_000;
export const SESSION_COOKIE = 'auth_session';

export interface SessionRecord {
	id: string;
	userId: string;
	createdAt: Date;
	lastActiveAt: Date;
	expiresAt: Date;
	mfaVerifiedAt: Date | null;
}

export type SessionCheck =
	| { status: 'valid'; session: SessionRecord }
	/** It existed but timed out: the caller may keep a posted form for this user. */
	| { status: 'expired'; userId: string }
	| { status: 'invalid' };

/**
 * Creates a session and returns its token `id.secret`. Only a SHA-256 of the secret is stored, so a
 * copy of the database cannot be used to sign in.
 */
export async function createSession(
	q: Queryable,
	userId: string,
	meta: { address: string; userAgent: string; mfaVerifiedAt?: Date | null },
	now = new Date()
): Promise<{ token: string; session: SessionRecord }> {
	const id = newId();
	const secret = newSecret();
	const session: SessionRecord = {
		id,
		userId,
		createdAt: now,
		lastActiveAt: now,
		expiresAt: new Date(now.getTime() + ABSOLUTE_LIFETIME_MS),
		mfaVerifiedAt: meta.mfaVerifiedAt ?? null
	};
	await q.insert(t.authSession).values({
		...session,
		secretHash: Buffer.from(sha256Bytes(secret)),
		address: meta.address.slice(0, 64),
		userAgent: meta.userAgent.slice(0, 256)
	});
	return { token: `${id}.${secret}`, session };
}

export async function validateSessionToken(q: Queryable, token: string, now = new Date()): Promise<SessionCheck> {
	const parts = splitToken(token);
	if (!parts) return { status: 'invalid' };
	const [row] = await q.select().from(t.authSession).where(eq(t.authSession.id, parts.id));
	return row ? checkSession(q, row, parts.secret, now) : { status: 'invalid' };
}

/** A token's id and secret, or null when it cannot be one of ours. */
export function splitToken(token: string): { id: string; secret: string } | null {
	const [id, secret, ...rest] = token.split('.');
	if (!id || !secret || rest.length > 0 || id.length > 64 || secret.length > 64) return null;
	return { id, secret };
}

/**
 * Checks a stored session against the token's secret and the clock: ends it when it has timed out,
 * and records activity at most once a minute. Shared by `validateSessionToken` and the request's
 * one-query sign-in check (context.ts `authenticate`).
 */
export async function checkSession(q: Queryable, row: SessionRecord & { secretHash: Buffer }, secret: string, now: Date): Promise<SessionCheck> {
	if (!constantTimeEqual(new Uint8Array(row.secretHash), sha256Bytes(secret))) return { status: 'invalid' };
	const idleFor = now.getTime() - row.lastActiveAt.getTime();
	if (now >= row.expiresAt || idleFor >= IDLE_TIMEOUT_MS) {
		await q.delete(t.authSession).where(eq(t.authSession.id, row.id));
		return { status: 'expired', userId: row.userId };
	}
	const touch = idleFor >= ACTIVITY_RESOLUTION_MS;
	if (touch) await q.update(t.authSession).set({ lastActiveAt: now }).where(eq(t.authSession.id, row.id));
	const { id, userId, createdAt, expiresAt, mfaVerifiedAt } = row;
	return { status: 'valid', session: { id, userId, createdAt, lastActiveAt: touch ? now : row.lastActiveAt, expiresAt, mfaVerifiedAt } };
}

/** Records activity now (the timeout warning's "stay signed in"). */
export async function touchSession(q: Queryable, sessionId: string, now = new Date()): Promise<void> {
	await q.update(t.authSession).set({ lastActiveAt: now }).where(eq(t.authSession.id, sessionId));
}

export async function invalidateSession(q: Queryable, sessionId: string): Promise<void> {
	await q.delete(t.authSession).where(eq(t.authSession.id, sessionId));
}

/** Ends every session of a user, or every one but `except` (password or MFA change, deactivation). */
export async function invalidateUserSessions(q: Queryable, userId: string, except?: string): Promise<void> {
	await q
		.delete(t.authSession)
		.where(except ? and(eq(t.authSession.userId, userId), ne(t.authSession.id, except)) : eq(t.authSession.userId, userId));
}

/** The time left before the idle timeout, for the warning shown in the browser. */
export function idleDeadline(session: SessionRecord): Date {
	const idle = session.lastActiveAt.getTime() + IDLE_TIMEOUT_MS;
	return new Date(Math.min(idle, session.expiresAt.getTime()));
}
