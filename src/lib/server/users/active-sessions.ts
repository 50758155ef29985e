import { and, asc, eq, gt } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { invalidateUserSessions } from '../auth/session';
import { findUser } from '../admin/users';
import { db, t } from '../db';
import { sha256Hex } from '../util/hash';
import { describeUserAgent } from './user-agent';

/**
 * Where a person is signed in (SECURITY.md: users see their active sessions and can end any; an admin
 * can end all of a user's). A session is named on the page by a handle derived from its id, so the
 * page never carries the id itself, which is half of the session's cookie.
 */
const handleOf = (sessionId: string) => sha256Hex(`session-handle:${sessionId}`).slice(0, 24);

export interface ActiveSession {
	handle: string;
	current: boolean;
	signedInAt: string;
	lastActiveAt: string;
	browser: string;
	address: string;
}

async function liveSessions(userId: string, now: Date) {
	return db()
		.select({ id: t.authSession.id, createdAt: t.authSession.createdAt, lastActiveAt: t.authSession.lastActiveAt, address: t.authSession.address, userAgent: t.authSession.userAgent })
		.from(t.authSession)
		.where(and(eq(t.authSession.userId, userId), gt(t.authSession.expiresAt, now)))
		.orderBy(asc(t.authSession.createdAt));
}

/** The actor's own live sessions, this one first. */
export async function activeSessionsOf(actor: Actor, now = new Date()): Promise<ActiveSession[]> {
	const rows = await liveSessions(actor.userId, now);
	return rows
		.map((s) => ({
			handle: handleOf(s.id),
			current: s.id === actor.sessionId,
			signedInAt: s.createdAt.toISOString(),
			lastActiveAt: s.lastActiveAt.toISOString(),
			browser: describeUserAgent(s.userAgent),
			address: s.address
		}))
		.sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends one of the actor's own sessions, named by its handle; never the one in use (that is sign out). */
export async function endOwnSession(actor: Actor, handle: string, now = new Date()): Promise<boolean> {
	const rows = await liveSessions(actor.userId, now);
	const target = rows.find((s) => handleOf(s.id) === handle && s.id !== actor.sessionId);
	if (!target) return false;
	await db().transaction(async (tx) => {
		await tx.delete(t.authSession).where(and(eq(t.authSession.id, target.id), eq(t.authSession.userId, actor.userId)));
		await recordAudit(tx, actor, { action: 'auth.session-ended', recordType: 'user', recordId: actor.userId, detail: { which: 'one' } });
	});
	return true;
}

/** Ends every session of the actor but the one in use. Returns how many ended. */
export async function endOtherSessions(actor: Actor, now = new Date()): Promise<number> {
	const others = (await liveSessions(actor.userId, now)).filter((s) => s.id !== actor.sessionId);
	await db().transaction(async (tx) => {
		await invalidateUserSessions(tx, actor.userId, actor.sessionId);
		await recordAudit(tx, actor, { action: 'auth.session-ended', recordType: 'user', recordId: actor.userId, detail: { which: 'others', count: others.length } });
	});
	return others.length;
}

/** An admin ends every session of a user of their service (a lost laptop, say). Null when not theirs. */
export async function endAllSessionsOfUser(admin: Actor, userId: string): Promise<boolean> {
	return db().transaction(async (tx) => {
		const user = await findUser(tx, admin, userId);
		if (!user) return false;
		await invalidateUserSessions(tx, user.id);
		await recordAudit(tx, admin, { action: 'admin.user.sessions-ended', recordType: 'user', recordId: user.id });
		return true;
	});
}
