import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { t, type Tx } from '../db';
import { recordCaseEvent } from '../referrals/events';
import { refreshRetention } from '../retention/refresh';

/**
 * Marks a case as touching child protection (DOMAIN.md §3 step 3: level of need 3 or 4, or a MASH or
 * police escalation), once, with a chronology entry and an audit row. Retention depends on this flag.
 * Exported for escalations, which call it in their own transaction.
 */
export async function markChildProtection(tx: Tx, referralId: string, actor: Actor | null = null, now = new Date()): Promise<boolean> {
	const [row] = await tx
		.update(t.referral)
		.set({ childProtection: true, updatedAt: now })
		.where(and(eq(t.referral.id, referralId), eq(t.referral.childProtection, false)))
		.returning({ id: t.referral.id, serviceId: t.referral.serviceId, schoolId: t.referral.schoolId });
	if (!row) return false;
	// A closed case's record is now kept until the 25th birthday (DOMAIN.md §7).
	await refreshRetention(tx, referralId);
	await recordCaseEvent(tx, actor, row, { kind: 'flag', section: 'child-protection', schoolVisible: false }, now);
	await recordAudit(tx, actor, {
		action: 'referral.child-protection-marked',
		recordType: 'referral',
		recordId: referralId,
		serviceId: row.serviceId,
		schoolId: row.schoolId
	});
	return true;
}
