import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { isSchoolRole, ROLE_LABELS, type Role } from '$lib/roles';
import { isRole } from '$lib/schemas/admin-users';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Queryable, type Tx } from '../db';
import { enqueueEmail } from '../outbox/enqueue';
import { insertUser } from '../tenancy/provision';
import { issuePasswordLink } from '../users/links';

/*
 * A provider admin's users. There is no sign-up: an admin creates each account and the person sets a
 * password through a one-time link. Every query carries the actor's service (SECURITY.md 4), so a
 * user of another service is "not found".
 */

export type UserStatus = 'active' | 'invited' | 'deactivated';

export interface UserRow {
	id: string;
	email: string;
	displayName: string;
	role: Role;
	roleLabel: string;
	schoolId: string | null;
	schoolName: string | null;
	senior: boolean;
	status: UserStatus;
	mfaEnrolled: boolean;
	version: number;
}

function selectUsers(q: Queryable) {
	return q
		.select({
			id: t.user.id,
			email: t.user.email,
			displayName: t.user.displayName,
			role: t.membership.role,
			schoolId: t.membership.schoolId,
			schoolName: t.school.name,
			senior: t.user.senior,
			active: t.user.active,
			// Whether a password is set, without reading the hash out of the database.
			hasPassword: sql<boolean>`${t.user.passwordHash} IS NOT NULL`.mapWith(Boolean),
			totpEnrolledAt: t.user.totpEnrolledAt,
			version: t.user.version
		})
		.from(t.user)
		.innerJoin(t.membership, eq(t.membership.userId, t.user.id))
		.leftJoin(t.school, and(eq(t.school.id, t.membership.schoolId), eq(t.school.serviceId, t.membership.serviceId)));
}

type Selected = Awaited<ReturnType<typeof selectUsers>>[number];

function shape(row: Selected): UserRow {
	// The membership table only ever holds listed roles; the fallback is the one with least access.
	const role: Role = isRole(row.role) ? row.role : 'governor';
	return {
		id: row.id,
		email: row.email,
		displayName: row.displayName,
		role,
		roleLabel: ROLE_LABELS[role],
		schoolId: row.schoolId,
		schoolName: row.schoolName,
		senior: row.senior,
		status: !row.active ? 'deactivated' : row.hasPassword ? 'active' : 'invited',
		mfaEnrolled: row.totpEnrolledAt !== null,
		version: row.version
	};
}

/** The user, if they belong to the actor's service. */
export async function findUser(q: Queryable, actor: Actor, userId: string): Promise<UserRow | null> {
	const [row] = await selectUsers(q).where(and(eq(t.user.id, userId), eq(t.membership.serviceId, actor.serviceId)));
	return row ? shape(row) : null;
}

/*
 * Reads write their audit row before returning, without a transaction: nothing changes, and page
 * loads run beside the layout's load on the one database connection, which an open transaction
 * would hold.
 */

/** The service's users, optionally of one role. The list writes one audit row naming its filter. */
export async function listUsers(actor: Actor, filter: { role: Role | null }): Promise<UserRow[]> {
	const where = [eq(t.membership.serviceId, actor.serviceId)];
	if (filter.role) where.push(eq(t.membership.role, filter.role));
	const rows = await selectUsers(db())
		.where(and(...where))
		.orderBy(asc(t.user.displayName), asc(t.user.email));
	await recordAudit(db(), actor, { action: 'user.list', recordType: 'user', detail: { role: filter.role } });
	return rows.map(shape);
}

export interface UserView extends UserRow {
	lastSignInAt: Date | null;
}

/** One user for their page; the read is audited. Null when not in the actor's service. */
export async function viewUser(actor: Actor, userId: string): Promise<UserView | null> {
	const user = await findUser(db(), actor, userId);
	if (!user) return null;
	const [last] = await db()
		.select({ at: t.auditEvent.at })
		.from(t.auditEvent)
		.where(and(eq(t.auditEvent.actorUserId, user.id), eq(t.auditEvent.serviceId, actor.serviceId), eq(t.auditEvent.action, 'auth.sign-in')))
		.orderBy(desc(t.auditEvent.id))
		.limit(1);
	await recordAudit(db(), actor, { action: 'user.viewed', recordType: 'user', recordId: user.id });
	return { ...user, lastSignInAt: last?.at ?? null };
}

export const SCHOOL_REQUIRED = 'Select a school for a DSL, deputy DSL or governor';
export const EMAIL_TAKEN = 'This email address already has an account';

export type Refusal<F extends string> = { ok: false; reason: 'refused'; field: F; message: string };

/**
 * Checks a role and school: a school role needs an active school of the actor's own service; a
 * service role has no school. Returns the school id to store, or a refusal.
 */
export async function checkPlacement(
	q: Queryable,
	actor: Actor,
	role: string,
	schoolId: string
): Promise<{ ok: true; role: Role; schoolId: string | null } | Refusal<'role' | 'schoolId'>> {
	if (!isRole(role)) return { ok: false, reason: 'refused', field: 'role', message: 'Select a role' };
	if (!isSchoolRole(role)) return { ok: true, role, schoolId: null };
	if (!schoolId) return { ok: false, reason: 'refused', field: 'schoolId', message: SCHOOL_REQUIRED };
	const [school] = await q
		.select({ id: t.school.id })
		.from(t.school)
		.where(and(eq(t.school.id, schoolId), eq(t.school.serviceId, actor.serviceId), eq(t.school.active, true)));
	if (!school) return { ok: false, reason: 'refused', field: 'schoolId', message: 'Select a school from the list' };
	return { ok: true, role, schoolId: school.id };
}

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** The invitation. Emails carry no pupil details, and here not even the school. */
export async function sendSetPasswordEmail(tx: Tx, actor: Actor, email: string, link: string, kind: 'new' | 'resent'): Promise<void> {
	const opening =
		kind === 'new'
			? 'An account has been made for you on Divert for Schools.'
			: 'Your Divert for Schools admin has sent you a new link to set your password. Any earlier link no longer works.';
	await enqueueEmail(tx, actor.serviceId, {
		to: email,
		subject: kind === 'new' ? 'Your Divert for Schools account' : 'Set your Divert for Schools password',
		text: `${opening}\n\nSet your password with this link within 72 hours:\n${link}\n\nIf you did not expect this email, tell your provider's admin.`
	});
}

export interface NewUser {
	email: string;
	displayName: string;
	role: string;
	schoolId: string;
	senior: boolean;
}

export type CreateUserResult = { ok: true; userId: string; link: string } | Refusal<'email' | 'role' | 'schoolId'>;

/** Creates a user with their membership, a one-time set-password link (returned to show once) and its email. */
export async function createUser(actor: Actor, input: NewUser, now = new Date()): Promise<CreateUserResult> {
	return db().transaction(async (tx): Promise<CreateUserResult> => {
		const placement = await checkPlacement(tx, actor, input.role, input.schoolId);
		if (!placement.ok) return placement;
		const email = normaliseEmail(input.email);
		// Emails are unique across the deployment; the answer says no more than that one exists.
		const [taken] = await tx.select({ id: t.user.id }).from(t.user).where(eq(t.user.email, email));
		if (taken) return { ok: false, reason: 'refused', field: 'email', message: EMAIL_TAKEN };
		const senior = placement.role === 'youth_worker' && input.senior;
		const userId = await insertUser(
			tx,
			{ email, displayName: input.displayName.trim(), role: placement.role, serviceId: actor.serviceId, schoolId: placement.schoolId, senior },
			now
		);
		const link = await issuePasswordLink(tx, userId, 'set-password', now);
		await sendSetPasswordEmail(tx, actor, email, link, 'new');
		await recordAudit(tx, actor, {
			action: 'user.created',
			recordType: 'user',
			recordId: userId,
			detail: { role: placement.role, schoolId: placement.schoolId, senior }
		});
		return { ok: true, userId, link };
	});
}
