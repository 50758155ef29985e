import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Queryable } from '../db';
import { sessionOfService } from '../support-sessions/common';
import { zipStore } from './zip';

/**
 * The kept certificates of a session's young people, as one ZIP (DOMAIN.md §3 step 8), for the
 * session's youth workers: a bulk export of pupil-level documents, so the route asks for step-up
 * (SECURITY.md 10) and each certificate in it is audited as a download. Revoked ones are left out.
 */
function current(sessionId: string, serviceId: string) {
	return and(eq(t.supportSessionAttendee.sessionId, sessionId), eq(t.certificate.serviceId, serviceId), isNull(t.certificate.revokedAt));
}

/** How many certificates the session's bulk download would hold (for the session page's link). */
export async function sessionCertificateCount(q: Queryable, actor: Actor, sessionId: string): Promise<number> {
	if (!(await sessionOfService(q, actor, sessionId))) return 0;
	const [row] = await q
		.select({ n: count() })
		.from(t.supportSessionAttendee)
		.innerJoin(t.certificate, eq(t.certificate.referralId, t.supportSessionAttendee.referralId))
		.where(current(sessionId, actor.serviceId));
	return row?.n ?? 0;
}

export async function sessionCertificatesZip(actor: Actor, sessionId: string, now = new Date()): Promise<{ bytes: Buffer; filename: string } | null> {
	const session = await sessionOfService(db(), actor, sessionId);
	if (!session) return null;
	const rows = await db()
		.select({ id: t.certificate.id, referralId: t.certificate.referralId, schoolId: t.certificate.schoolId, code: t.certificate.verificationCode, pdf: t.certificate.pdf })
		.from(t.supportSessionAttendee)
		.innerJoin(t.certificate, eq(t.certificate.referralId, t.supportSessionAttendee.referralId))
		.where(current(sessionId, actor.serviceId))
		.orderBy(desc(t.certificate.issuedAt));
	// One certificate a young person: the latest standing one.
	const latest = rows.filter((row, i) => rows.findIndex((r) => r.referralId === row.referralId) === i);
	if (latest.length === 0) return null;
	await db().transaction(async (tx) => {
		for (const c of latest) {
			await recordAudit(tx, actor, { action: 'certificate.downloaded', recordType: 'certificate', recordId: c.id, schoolId: c.schoolId, detail: { referralId: c.referralId, bulk: true, session: sessionId } });
		}
	});
	// File names carry the verification code, never a name: the archive's listing shows no pupil.
	const bytes = zipStore(latest.map((c) => ({ name: `certificate-${c.code}.pdf`, data: c.pdf })), now);
	return { bytes, filename: `certificates-${session.date}.zip` };
}
