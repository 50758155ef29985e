import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db } from '../db';
import { renderSubjectAccessPdf } from './pdf';
import { subjectAccessRecord } from './record';

export type SubjectAccessFormat = 'pdf' | 'json';

/**
 * The export file for a provider admin, audited once for each referral it holds (SECURITY.md 15). The
 * route's guard has already asked for a fresh authenticator code (SECURITY.md 10).
 */
export async function subjectAccessExport(actor: Actor, referralId: string, format: SubjectAccessFormat, now = new Date()): Promise<{ bytes: Buffer; filename: string; type: string } | null> {
	const found = await subjectAccessRecord(db(), actor, referralId, now);
	if (!found) return null;
	const bytes = format === 'pdf' ? await renderSubjectAccessPdf(found.record) : Buffer.from(JSON.stringify(found.record, null, 2), 'utf8');
	await db().transaction(async (tx) => {
		for (const id of found.referralIds) {
			await recordAudit(tx, actor, { action: 'subject-access.exported', recordType: 'referral', recordId: id, detail: { format, referrals: found.referralIds.length } });
		}
	});
	return {
		bytes,
		filename: `subject-access-${referralId}.${format}`,
		type: format === 'pdf' ? 'application/pdf' : 'application/json; charset=utf-8'
	};
}
