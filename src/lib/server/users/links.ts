import { and, eq, gt, isNull } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import { t, type Db, type Queryable } from '../db';
import { enqueueEmail } from '../outbox/enqueue';
import { originConfig } from '../env';
import { hashPassword, passwordProblem } from '../auth/password';
import { countHit, isLimited, PASSWORD_RESET } from '../auth/rate-limit';
import { invalidateUserSessions } from '../auth/session';
import { newId, newSecret } from '../util/ids';
import { sha256Hex } from '../util/hash';

export type LinkPurpose = 'set-password' | 'reset-password';
const LIFETIME_MS: Record<LinkPurpose, number> = {
	'set-password': 72 * 60 * 60_000,
	'reset-password': 60 * 60_000
};

/** Makes a one-time link (only its hash is stored) and returns the address to visit. */
export async function issuePasswordLink(q: Queryable, userId: string, purpose: LinkPurpose, now = new Date()): Promise<string> {
	const secret = newSecret();
	// A new link replaces any unused one of the same purpose.
	await q.delete(t.authToken).where(and(eq(t.authToken.userId, userId), eq(t.authToken.purpose, purpose), isNull(t.authToken.usedAt)));
	await q.insert(t.authToken).values({
		id: newId(),
		userId,
		purpose,
		tokenHash: sha256Hex(secret),
		expiresAt: new Date(now.getTime() + LIFETIME_MS[purpose]),
		createdAt: now
	});
	return `${originConfig().origin}/set-password/${secret}`;
}

export async function findPasswordLink(q: Queryable, secret: string, now = new Date()) {
	if (secret.length > 64) return null;
	const [row] = await q
		.select({ id: t.authToken.id, userId: t.authToken.userId, purpose: t.authToken.purpose, email: t.user.email, displayName: t.user.displayName })
		.from(t.authToken)
		.innerJoin(t.user, eq(t.user.id, t.authToken.userId))
		.where(and(eq(t.authToken.tokenHash, sha256Hex(secret)), isNull(t.authToken.usedAt), gt(t.authToken.expiresAt, now), eq(t.user.active, true)));
	return row ?? null;
}

export type SetPasswordResult = { ok: true } | { ok: false; field: 'password' | 'link'; message: string };

/** Uses a one-time link to set a password; ends every session of that user (a password change). */
export async function setPasswordWithLink(db: Db, secret: string, password: string, address: string, now = new Date()): Promise<SetPasswordResult> {
	const link = await findPasswordLink(db, secret, now);
	if (!link) return { ok: false, field: 'link', message: 'This link has expired or was used already' };
	const problem = passwordProblem(password, [link.email.split('@')[0] ?? '', ...link.displayName.split(/\s+/)]);
	if (problem) return { ok: false, field: 'password', message: problem };
	const passwordHash = await hashPassword(password);
	await db.transaction(async (tx) => {
		const used = await tx.update(t.authToken).set({ usedAt: now }).where(and(eq(t.authToken.id, link.id), isNull(t.authToken.usedAt))).returning({ id: t.authToken.id });
		if (used.length !== 1) throw new Error('link used twice');
		await tx.update(t.user).set({ passwordHash, passwordChangedAt: now }).where(eq(t.user.id, link.userId));
		await invalidateUserSessions(tx, link.userId);
		const [membership] = await tx.select().from(t.membership).where(eq(t.membership.userId, link.userId));
		await recordAudit(tx, null, {
			action: link.purpose === 'set-password' ? 'user.password.set' : 'user.password.reset',
			userId: link.userId,
			serviceId: membership?.serviceId ?? null,
			schoolId: membership?.schoolId ?? null,
			recordType: 'user',
			recordId: link.userId,
			address
		});
	});
	return { ok: true };
}

/**
 * A forgotten-password request. Throttled per address and per account, and the caller shows the same
 * answer whatever happens, so nobody learns whether an address has an account (SECURITY.md 6).
 */
export async function requestPasswordReset(db: Db, email: string, address: string, now = new Date()): Promise<void> {
	const normalised = email.trim().toLowerCase();
	const keys = [`reset:address:${address}`, `reset:account:${sha256Hex(normalised)}`];
	for (const key of keys) {
		if (await isLimited(db, key, PASSWORD_RESET, now)) return;
	}
	await db.transaction(async (tx) => {
		for (const key of keys) await countHit(tx, key, PASSWORD_RESET, now);
		const [found] = await tx
			.select({ id: t.user.id, serviceId: t.membership.serviceId })
			.from(t.user)
			.innerJoin(t.membership, eq(t.membership.userId, t.user.id))
			.where(and(eq(t.user.email, normalised), eq(t.user.active, true)));
		if (!found) return;
		const link = await issuePasswordLink(tx, found.id, 'reset-password', now);
		await enqueueEmail(tx, found.serviceId, {
			to: normalised,
			subject: 'Reset your Divert for Schools password',
			text: `Someone asked to reset the password for this email address on Divert for Schools.\n\nTo choose a new password, open this link within 1 hour:\n${link}\n\nIf it was not you, ignore this email: your password has not changed.`
		});
		await recordAudit(tx, null, { action: 'user.password.reset-requested', userId: found.id, serviceId: found.serviceId, recordType: 'user', recordId: found.id, address });
	});
}
