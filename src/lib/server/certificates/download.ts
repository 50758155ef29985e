import { and, desc, eq, isNull, type SQL } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { isSchoolActor } from '../referrals/scope';

/**
 * Which certificates an actor may download, as a predicate (STYLE.md rule 3): a school's DSLs their own
 * pupils' certificates unless revoked (DOMAIN.md §3 step 8); youth workers any of their service's.
 */
function downloadScope(actor: Actor): SQL | null {
	if (isSchoolActor(actor)) return and(eq(t.certificate.serviceId, actor.serviceId), eq(t.certificate.schoolId, actor.schoolId ?? ''), isNull(t.certificate.revokedAt)) as SQL;
	if (actor.role === 'youth_worker') return eq(t.certificate.serviceId, actor.serviceId);
	return null;
}

/** The kept bytes of a case's latest certificate the actor may have; every download is audited. */
export async function certificateDownload(actor: Actor, referralId: string): Promise<{ bytes: Buffer; filename: string } | null> {
	const scope = downloadScope(actor);
	if (!scope) return null;
	const [row] = await db()
		.select({ id: t.certificate.id, pdf: t.certificate.pdf, code: t.certificate.verificationCode, schoolId: t.certificate.schoolId })
		.from(t.certificate)
		.where(and(eq(t.certificate.referralId, referralId), scope))
		.orderBy(desc(t.certificate.issuedAt))
		.limit(1);
	if (!row) return null;
	await recordAudit(db(), actor, { action: 'certificate.downloaded', recordType: 'certificate', recordId: row.id, schoolId: row.schoolId, detail: { referralId } });
	return { bytes: row.pdf, filename: `certificate-${row.code}.pdf` };
}
