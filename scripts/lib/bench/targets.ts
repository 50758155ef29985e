/**
 * Who the bench signs in as and what they look at, on the large database: the school with the most
 * referrals (its DSL, its governor), a youth worker and a commissioner of that school's service, one
 * of the school's cases with a certificate, and a draft for the referral form. Sessions are made
 * directly through our own session module with MFA satisfied, as if the person had just signed in;
 * no sign-in form is involved. Import only after ensureKitPaths() (the app's modules use `$lib`).
 */
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { ROLES, type Role } from '../../../src/lib/roles';
import type { Actor } from '../../../src/lib/server/auth/actor';
import { createSession, invalidateSession } from '../../../src/lib/server/auth/session';
import { db, t } from '../../../src/lib/server/db';

export interface Person {
	actor: Actor;
	token: string;
}

export interface BenchWorld {
	serviceId: string;
	schoolId: string;
	/** How many referrals the chosen school has. */
	referrals: number;
	caseId: string;
	/** A surname (as the index holds it) that the name search finds in the school. */
	surname: string;
	draftId: string;
	dsl: Person;
	youthWorker: Person;
	governor: Person;
	commissioner: Person;
	/** The DSL of the draft's school (often the same school). */
	draftDsl: Person;
}

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

async function signedIn(userId: string, now: Date): Promise<Person> {
	const [m] = await db()
		.select({ role: t.membership.role, serviceId: t.membership.serviceId, schoolId: t.membership.schoolId, senior: t.user.senior })
		.from(t.membership)
		.innerJoin(t.user, eq(t.user.id, t.membership.userId))
		.where(eq(t.membership.userId, userId));
	if (!m || !isRole(m.role)) throw new Error(`No membership for user ${userId}`);
	const { token, session } = await createSession(db(), userId, { address: '127.0.0.1', userAgent: 'npm run bench', mfaVerifiedAt: now }, now);
	const actor: Actor = { userId, role: m.role, serviceId: m.serviceId, schoolId: m.schoolId, senior: m.senior, sessionId: session.id, mfaVerifiedAt: now, mfaEnrolled: true, address: '127.0.0.1' };
	return { actor, token };
}

async function member(role: 'dsl' | 'governor' | 'youth_worker' | 'commissioner', where: { schoolId?: string; serviceId?: string }): Promise<string> {
	const [row] = await db()
		.select({ userId: t.membership.userId })
		.from(t.membership)
		.innerJoin(t.user, eq(t.user.id, t.membership.userId))
		.where(
			and(
				eq(t.membership.role, role),
				eq(t.user.active, true),
				where.schoolId ? eq(t.membership.schoolId, where.schoolId) : undefined,
				where.serviceId ? eq(t.membership.serviceId, where.serviceId) : undefined
			)
		)
		.orderBy(t.user.email)
		.limit(1);
	if (!row) throw new Error(`The database has no active ${role} for ${JSON.stringify(where)}: is it the large database?`);
	return row.userId;
}

export async function benchWorld(now = new Date()): Promise<BenchWorld> {
	const [busiest] = await db()
		.select({ schoolId: t.referral.schoolId, serviceId: t.referral.serviceId, n: count() })
		.from(t.referral)
		.groupBy(t.referral.schoolId)
		.orderBy(desc(count()))
		.limit(1);
	if (!busiest) throw new Error('The database has no referrals: build it with `npm run data:large`');
	// Through the referral's school index: the certificate table's rows carry the PDF bytes.
	const [withCertificate] = await db()
		.select({ id: t.referral.id, surname: t.referral.surnameKey })
		.from(t.referral)
		.innerJoin(t.certificate, eq(t.certificate.referralId, t.referral.id))
		.where(and(eq(t.referral.schoolId, busiest.schoolId), isNull(t.certificate.revokedAt)))
		.orderBy(desc(t.referral.createdAt))
		.limit(1);
	if (!withCertificate) throw new Error('The busiest school has no case with a certificate');
	const [draft] =
		(await db().select({ id: t.referral.id, schoolId: t.referral.schoolId }).from(t.referral).where(and(eq(t.referral.schoolId, busiest.schoolId), eq(t.referral.state, 'draft'))).limit(1)).concat(
			await db().select({ id: t.referral.id, schoolId: t.referral.schoolId }).from(t.referral).where(eq(t.referral.state, 'draft')).limit(1)
		);
	if (!draft) throw new Error('The database has no draft referral');
	const school = { schoolId: busiest.schoolId };
	const service = { serviceId: busiest.serviceId };
	return {
		serviceId: busiest.serviceId,
		schoolId: busiest.schoolId,
		referrals: busiest.n,
		caseId: withCertificate.id,
		surname: withCertificate.surname,
		draftId: draft.id,
		dsl: await signedIn(await member('dsl', school), now),
		youthWorker: await signedIn(await member('youth_worker', service), now),
		governor: await signedIn(await member('governor', school), now),
		commissioner: await signedIn(await member('commissioner', service), now),
		draftDsl: await signedIn(await member('dsl', { schoolId: draft.schoolId }), now)
	};
}

/** Ends the bench's sessions, so no signed-in session outlives the run. */
export async function endSessions(world: BenchWorld): Promise<void> {
	for (const p of [world.dsl, world.youthWorker, world.governor, world.commissioner, world.draftDsl]) await invalidateSession(db(), p.actor.sessionId);
}

/** The newest audit row's id: a request that writes one moves it. */
export async function auditHighWater(): Promise<number> {
	const [row] = await db().select({ id: t.auditEvent.id }).from(t.auditEvent).orderBy(desc(t.auditEvent.id)).limit(1);
	return row?.id ?? 0;
}
