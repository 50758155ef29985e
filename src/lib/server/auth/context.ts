import { eq, sql } from 'drizzle-orm';
import { MFA_REQUIRED_ROLES, ROLES, type Role } from '$lib/roles';
import { t, type Db, type Queryable } from '../db';
import { settingValueOf } from '../settings/settings';
import { checkSession, splitToken, type SessionRecord } from './session';

/** Who a valid session belongs to, as the hooks put it on `locals`. */
export interface AuthContext {
	session: SessionRecord;
	userId: string;
	email: string;
	displayName: string;
	role: Role;
	serviceId: string;
	schoolId: string | null;
	/** The school a school role works for, or the service for service-wide roles: the page frame shows it. */
	organisation: string;
	senior: boolean;
	mfaEnrolled: boolean;
	/** MFA must be verified in this session before anything beyond the MFA pages. */
	mfaRequired: boolean;
}

function isRole(value: string): value is Role {
	return (ROLES as readonly string[]).includes(value);
}

/** The person behind a session: their user, membership, organisation and the MFA setting, in one read. */
const personColumns = {
	email: t.user.email,
	displayName: t.user.displayName,
	active: t.user.active,
	senior: t.user.senior,
	totpEnrolledAt: t.user.totpEnrolledAt,
	role: t.membership.role,
	serviceId: t.membership.serviceId,
	schoolId: t.membership.schoolId,
	serviceName: t.service.name,
	schoolName: t.school.name,
	mfaSetting: sql<string | null>`(select ${t.setting.value} from ${t.setting} where ${t.setting.serviceId} = ${t.membership.serviceId} and ${t.setting.key} = 'requireMfaForOversight')`
};

/** A row of `personColumns`; nullable throughout, since the session's read joins them outward. */
interface Person {
	email: string | null;
	displayName: string | null;
	active: boolean | null;
	senior: boolean | null;
	totpEnrolledAt: Date | null;
	role: string | null;
	serviceId: string | null;
	schoolId: string | null;
	serviceName: string | null;
	schoolName: string | null;
	mfaSetting: string | null;
}

function contextOf(session: SessionRecord, row: Person | undefined): AuthContext | null {
	if (!row?.active || !row.role || !isRole(row.role) || !row.serviceId || row.email === null || row.displayName === null) return null;
	const mfaEnrolled = row.totpEnrolledAt !== null;
	const mfaRequired = mfaEnrolled || MFA_REQUIRED_ROLES.includes(row.role) || settingValueOf('requireMfaForOversight', row.mfaSetting ?? undefined);
	return {
		session,
		userId: session.userId,
		email: row.email,
		displayName: row.displayName,
		role: row.role,
		serviceId: row.serviceId,
		schoolId: row.schoolId,
		organisation: row.schoolName ?? row.serviceName ?? '',
		senior: row.senior ?? false,
		mfaEnrolled,
		mfaRequired
	};
}

/** Loads the user behind a session; null when the user is deactivated or has no membership. */
export async function loadAuthContext(q: Queryable, session: SessionRecord): Promise<AuthContext | null> {
	const [row] = await q
		.select(personColumns)
		.from(t.user)
		.innerJoin(t.membership, eq(t.membership.userId, t.user.id))
		.innerJoin(t.service, eq(t.service.id, t.membership.serviceId))
		.leftJoin(t.school, eq(t.school.id, t.membership.schoolId))
		.where(eq(t.user.id, session.userId));
	return contextOf(session, row);
}

/**
 * The session and its person in one statement, built once per database (a prepared query): every
 * signed-in request runs it, so it is the one read the request path cannot avoid (issue 8).
 */
function sessionQuery(q: Db) {
	return q
		.select({
			session: { id: t.authSession.id, userId: t.authSession.userId, secretHash: t.authSession.secretHash, createdAt: t.authSession.createdAt, lastActiveAt: t.authSession.lastActiveAt, expiresAt: t.authSession.expiresAt, mfaVerifiedAt: t.authSession.mfaVerifiedAt },
			person: personColumns
		})
		.from(t.authSession)
		.leftJoin(t.user, eq(t.user.id, t.authSession.userId))
		.leftJoin(t.membership, eq(t.membership.userId, t.authSession.userId))
		.leftJoin(t.service, eq(t.service.id, t.membership.serviceId))
		.leftJoin(t.school, eq(t.school.id, t.membership.schoolId))
		.where(eq(t.authSession.id, sql.placeholder('id')))
		.prepare();
}
const prepared = new WeakMap<Db, ReturnType<typeof sessionQuery>>();

export type Authentication = { status: 'valid'; auth: AuthContext | null } | { status: 'expired'; userId: string } | { status: 'invalid' };

/**
 * The request's sign-in check (hooks.server.ts): the token's session, checked as `validateSessionToken`
 * checks it (session.ts `checkSession`), with the person behind it. `auth` is null when the person
 * has been deactivated or has no membership.
 */
export async function authenticate(q: Db, token: string, now = new Date()): Promise<Authentication> {
	const parts = splitToken(token);
	if (!parts) return { status: 'invalid' };
	let query = prepared.get(q);
	if (!query) {
		query = sessionQuery(q);
		prepared.set(q, query);
	}
	const [row] = await query.all({ id: parts.id });
	if (!row) return { status: 'invalid' };
	const check = await checkSession(q, row.session, parts.secret, now);
	if (check.status !== 'valid') return check;
	return { status: 'valid', auth: contextOf(check.session, row.person) };
}

/** Signed in fully: MFA verified in this session, or not required for this person. */
export function isFullySignedIn(auth: AuthContext): boolean {
	return !auth.mfaRequired || auth.session.mfaVerifiedAt !== null;
}
