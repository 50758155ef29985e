import { and, count, eq, isNull } from 'drizzle-orm';
import { ROLE_LABELS } from '$lib/roles';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password';
import { invalidateUserSessions } from '../auth/session';
import { db, t } from '../db';

export async function accountView(actor: Actor) {
	const [user] = await db()
		.select({ email: t.user.email, displayName: t.user.displayName, totpEnrolledAt: t.user.totpEnrolledAt, passwordChangedAt: t.user.passwordChangedAt })
		.from(t.user)
		.where(eq(t.user.id, actor.userId));
	const [codes] = await db()
		.select({ n: count() })
		.from(t.recoveryCode)
		.where(and(eq(t.recoveryCode.userId, actor.userId), isNull(t.recoveryCode.usedAt)));
	return {
		email: user?.email ?? '',
		displayName: user?.displayName ?? '',
		role: ROLE_LABELS[actor.role],
		mfaEnrolled: user?.totpEnrolledAt != null,
		recoveryCodesLeft: codes?.n ?? 0,
		passwordChangedAt: user?.passwordChangedAt?.toISOString() ?? null
	};
}

export type ChangePasswordResult = { ok: true } | { ok: false; field: 'current' | 'password'; message: string };

/** Changes the actor's password and ends their other sessions (SECURITY.md 8). */
export async function changePassword(actor: Actor, current: string, next: string, now = new Date()): Promise<ChangePasswordResult> {
	const [user] = await db().select({ email: t.user.email, displayName: t.user.displayName, passwordHash: t.user.passwordHash }).from(t.user).where(eq(t.user.id, actor.userId));
	if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
		return { ok: false, field: 'current', message: 'Your current password is not right' };
	}
	const problem = passwordProblem(next, [user.email.split('@')[0] ?? '', ...user.displayName.split(/\s+/)]);
	if (problem) return { ok: false, field: 'password', message: problem };
	const passwordHash = await hashPassword(next);
	await db().transaction(async (tx) => {
		await tx.update(t.user).set({ passwordHash, passwordChangedAt: now }).where(eq(t.user.id, actor.userId));
		await invalidateUserSessions(tx, actor.userId, actor.sessionId);
		await recordAudit(tx, actor, { action: 'user.password.changed', recordType: 'user', recordId: actor.userId });
	});
	return { ok: true };
}
