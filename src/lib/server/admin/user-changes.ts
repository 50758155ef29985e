import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { invalidateUserSessions } from '../auth/session';
import { db, t, type Tx } from '../db';
import { issuePasswordLink } from '../users/links';
import { checkPlacement, findUser, sendSetPasswordEmail, type Refusal, type UserRow } from './users';

/*
 * Changes a provider admin makes to an existing user. Each is one transaction with its audit row,
 * and each change to what a person may do ends their sessions at once (SECURITY.md 8).
 */

export const USER_STALE = 'Someone else changed this user while you were editing. Their changes are shown; make your changes again';
export const OWN_ROLE = 'You cannot change your own role. Ask another provider admin to do it';
export const OWN_DEACTIVATION = 'You cannot deactivate your own account. Ask another provider admin to do it';
export const OWN_MFA = 'You cannot reset your own MFA here. Ask another provider admin to do it';

type NotFound = { ok: false; reason: 'not-found' };
export type ChangeResult = { ok: true } | NotFound | Refusal<'form'>;

/** Runs `change` on a user of the actor's service, in one transaction; "not found" otherwise. */
async function withUser<R>(actor: Actor, userId: string, change: (tx: Tx, user: UserRow) => Promise<R>): Promise<R | NotFound> {
	return db().transaction(async (tx) => {
		const user = await findUser(tx, actor, userId);
		if (!user) return { ok: false as const, reason: 'not-found' as const };
		return change(tx, user);
	});
}

function refuse<F extends string>(field: F, message: string): Refusal<F> {
	return { ok: false, reason: 'refused', field, message };
}

async function bumpUser(tx: Tx, userId: string, set: Partial<typeof t.user.$inferInsert> = {}) {
	await tx
		.update(t.user)
		.set({ ...set, version: sql`${t.user.version} + 1` })
		.where(eq(t.user.id, userId));
}

export interface RoleChange {
	role: string;
	schoolId: string;
	senior: boolean;
	version: number;
}

export type ChangeRoleResult =
	| { ok: true }
	| NotFound
	| Refusal<'role' | 'schoolId' | 'form'>
	/** Someone saved first: their version is returned so the page can show it. */
	| { ok: false; reason: 'stale'; message: string; current: UserRow };

/** Changes a user's role, school and senior flag from `version`; ends their sessions. */
export async function changeUserRole(actor: Actor, userId: string, input: RoleChange): Promise<ChangeRoleResult> {
	return withUser(actor, userId, async (tx, user): Promise<ChangeRoleResult> => {
		if (user.version !== input.version) return { ok: false, reason: 'stale', message: USER_STALE, current: user };
		const placement = await checkPlacement(tx, actor, input.role, input.schoolId);
		if (!placement.ok) return placement;
		if (user.id === actor.userId && placement.role !== actor.role) return refuse('role', OWN_ROLE);
		const senior = placement.role === 'youth_worker' && input.senior;
		if (placement.role === user.role && placement.schoolId === user.schoolId && senior === user.senior) return { ok: true };
		await tx
			.update(t.membership)
			.set({ role: placement.role, schoolId: placement.schoolId })
			.where(and(eq(t.membership.userId, user.id), eq(t.membership.serviceId, actor.serviceId)));
		await bumpUser(tx, user.id, { senior });
		await invalidateUserSessions(tx, user.id);
		await recordAudit(tx, actor, {
			action: 'user.role-changed',
			recordType: 'user',
			recordId: user.id,
			detail: { from: user.role, role: placement.role, fromSchoolId: user.schoolId, schoolId: placement.schoolId, senior }
		});
		return { ok: true };
	});
}

/** Deactivation ends every session of that person at once; an admin cannot deactivate themselves. */
export async function setUserActive(actor: Actor, userId: string, active: boolean): Promise<ChangeResult> {
	return withUser(actor, userId, async (tx, user): Promise<ChangeResult> => {
		if (!active && user.id === actor.userId) return refuse('form', OWN_DEACTIVATION);
		if ((user.status !== 'deactivated') === active) return { ok: true };
		await bumpUser(tx, user.id, { active });
		if (!active) await invalidateUserSessions(tx, user.id);
		await recordAudit(tx, actor, { action: active ? 'user.reactivated' : 'user.deactivated', recordType: 'user', recordId: user.id });
		return { ok: true };
	});
}

export type ResendResult = { ok: true; link: string } | NotFound | Refusal<'form'>;

/** A new set-password link: the old one stops working; the new one is returned to show and emailed. */
export async function resendPasswordLink(actor: Actor, userId: string, now = new Date()): Promise<ResendResult> {
	return withUser(actor, userId, async (tx, user): Promise<ResendResult> => {
		if (user.status === 'deactivated') return refuse('form', 'Reactivate this account before sending a new link');
		const link = await issuePasswordLink(tx, user.id, 'set-password', now);
		await sendSetPasswordEmail(tx, actor, user.email, link, 'resent');
		await recordAudit(tx, actor, { action: 'user.link-resent', recordType: 'user', recordId: user.id });
		return { ok: true, link };
	});
}

/**
 * Clears the user's authenticator app and recovery codes and ends their sessions: at the next sign-in
 * they set up MFA again (SECURITY.md 5).
 */
export async function resetUserMfa(actor: Actor, userId: string): Promise<ChangeResult> {
	return withUser(actor, userId, async (tx, user): Promise<ChangeResult> => {
		if (user.id === actor.userId) return refuse('form', OWN_MFA);
		await bumpUser(tx, user.id, { totpKey: null, totpPendingKey: null, totpEnrolledAt: null, totpLastStep: null });
		await tx.delete(t.recoveryCode).where(eq(t.recoveryCode.userId, user.id));
		await invalidateUserSessions(tx, user.id);
		await recordAudit(tx, actor, { action: 'user.mfa.reset', recordType: 'user', recordId: user.id, detail: { wasEnrolled: user.mfaEnrolled } });
		return { ok: true };
	});
}
