import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Queryable } from '../db';
import { recordCaseEvent } from '../referrals/events';
import { caseForYouthWorker } from '../triage/case';

async function liveCertificate(q: Queryable, referralId: string) {
	const [row] = await q
		.select({ id: t.certificate.id, code: t.certificate.verificationCode, issuedAt: t.certificate.issuedAt, completedOn: t.certificate.completedOn })
		.from(t.certificate)
		.where(and(eq(t.certificate.referralId, referralId), isNull(t.certificate.revokedAt)));
	return row ?? null;
}

/** The revoke page of a case (audited), or null when not found. `certificate` is null when none is live. */
export async function certificateForRevoke(actor: Actor, referralId: string) {
	const row = await caseForYouthWorker(db(), actor, referralId);
	if (!row) return null;
	await recordAudit(db(), actor, { action: 'certificate.revoke-viewed', recordType: 'referral', recordId: referralId, schoolId: row.schoolId });
	const live = await liveCertificate(db(), referralId);
	return { referralId, displayName: row.displayName || 'Referral', certificate: live ? { code: live.code, issuedAt: live.issuedAt.toISOString(), completedOn: live.completedOn } : null };
}

export type RevokeResult = { ok: true } | { ok: false; problem: 'not-found' | 'no-certificate' | 'reason-required' };

/**
 * Revokes the live certificate with a reason: the check page then says "Revoked" and the school can no
 * longer download it (DOMAIN.md §3 step 8). The reason stays with the service.
 */
export async function revokeCertificate(actor: Actor, referralId: string, reason: string, now = new Date()): Promise<RevokeResult> {
	if (!reason.trim()) return { ok: false, problem: 'reason-required' };
	return db().transaction(async (tx): Promise<RevokeResult> => {
		const row = await caseForYouthWorker(tx, actor, referralId);
		if (!row) return { ok: false, problem: 'not-found' };
		const live = await liveCertificate(tx, referralId);
		if (!live) return { ok: false, problem: 'no-certificate' };
		const updated = await tx
			.update(t.certificate)
			.set({ revokedAt: now, revokedBy: actor.userId, revokedReason: reason.trim() })
			.where(and(eq(t.certificate.id, live.id), isNull(t.certificate.revokedAt)))
			.returning({ id: t.certificate.id });
		if (updated.length !== 1) return { ok: false, problem: 'no-certificate' };
		await recordCaseEvent(tx, actor, row, { kind: 'certificate-revoked', reason: reason.trim() }, now);
		await recordAudit(tx, actor, { action: 'certificate.revoked', recordType: 'certificate', recordId: live.id, serviceId: row.serviceId, schoolId: row.schoolId, detail: { referralId } });
		return { ok: true };
	});
}
