import { eq } from 'drizzle-orm';
import { MFA_REQUIRED_ROLES, ROLES, type Role } from '$lib/roles';
import { t, type Queryable } from '../db';
import { getSetting } from '../settings/settings';
import type { SessionRecord } from './session';

/** Who a valid session belongs to, as the hooks put it on `locals`. */
export interface AuthContext {
	session: SessionRecord;
	userId: string;
	email: string;
	displayName: string;
	role: Role;
	serviceId: string;
	schoolId: string | null;
	senior: boolean;
	mfaEnrolled: boolean;
	/** MFA must be verified in this session before anything beyond the MFA pages. */
	mfaRequired: boolean;
}

function isRole(value: string): value is Role {
	return (ROLES as readonly string[]).includes(value);
}

/** Loads the user behind a session; null when the user is deactivated or has no membership. */
export async function loadAuthContext(q: Queryable, session: SessionRecord): Promise<AuthContext | null> {
	const [row] = await q
		.select({
			email: t.user.email,
			displayName: t.user.displayName,
			active: t.user.active,
			senior: t.user.senior,
			totpEnrolledAt: t.user.totpEnrolledAt,
			role: t.membership.role,
			serviceId: t.membership.serviceId,
			schoolId: t.membership.schoolId
		})
		.from(t.user)
		.innerJoin(t.membership, eq(t.membership.userId, t.user.id))
		.where(eq(t.user.id, session.userId));
	if (!row || !row.active || !isRole(row.role)) return null;
	const mfaEnrolled = row.totpEnrolledAt !== null;
	const mfaRequired =
		mfaEnrolled ||
		MFA_REQUIRED_ROLES.includes(row.role) ||
		(await getSetting(q, row.serviceId, 'requireMfaForOversight'));
	return {
		session,
		userId: session.userId,
		email: row.email,
		displayName: row.displayName,
		role: row.role,
		serviceId: row.serviceId,
		schoolId: row.schoolId,
		senior: row.senior,
		mfaEnrolled,
		mfaRequired
	};
}

/** Signed in fully: MFA verified in this session, or not required for this person. */
export function isFullySignedIn(auth: AuthContext): boolean {
	return !auth.mfaRequired || auth.session.mfaVerifiedAt !== null;
}
