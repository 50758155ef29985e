import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import { countHit, isLimited, type Limit } from '../auth/rate-limit';
import { db, t } from '../db';
import { normaliseCode } from './code';

/**
 * The public certificate check (DOMAIN.md §3 step 8): anyone with a code learns only the initials, the
 * completion date and whether it is valid or revoked. Every look-up counts against the asker's address,
 * so codes cannot be guessed in bulk (60 random bits make guessing hopeless anyway).
 */
export const CERTIFICATE_CHECK: Limit = { max: 30, windowMs: 15 * 60_000 };

export type CheckResult =
	| { status: 'found'; code: string; initials: string; completedOn: string; revoked: boolean }
	| { status: 'unknown' }
	| { status: 'throttled' };

export async function checkCertificate(typed: string, address: string, now = new Date()): Promise<CheckResult> {
	const key = `certificate-check:address:${address}`;
	if (await isLimited(db(), key, CERTIFICATE_CHECK, now)) {
		await recordAudit(db(), null, { action: 'certificate.check-throttled', address });
		return { status: 'throttled' };
	}
	await countHit(db(), key, CERTIFICATE_CHECK, now);
	const code = normaliseCode(typed);
	const [row] = code
		? await db()
				.select({ id: t.certificate.id, initials: t.certificate.initials, completedOn: t.certificate.completedOn, revokedAt: t.certificate.revokedAt, serviceId: t.certificate.serviceId, schoolId: t.certificate.schoolId })
				.from(t.certificate)
				.where(eq(t.certificate.verificationCode, code))
		: [];
	// A miss is audited too: it shows guessing, and both answers then cost the same work.
	await recordAudit(db(), null, { action: 'certificate.checked', recordType: 'certificate', recordId: row?.id, serviceId: row?.serviceId ?? null, schoolId: row?.schoolId ?? null, address, detail: { found: Boolean(row) } });
	if (!row || !code) return { status: 'unknown' };
	return { status: 'found', code, initials: row.initials, completedOn: row.completedOn, revoked: row.revokedAt !== null };
}
