import { and, eq, inArray } from 'drizzle-orm';
import { t, type Tx } from '../db';
import { originConfig } from '../env';
import { enqueueEmail } from '../outbox/enqueue';

export const FOLLOW_UP_DUE_SUBJECT = 'A follow-up is due on Divert for Schools';
export const FOLLOW_UP_CHASE_SUBJECT = 'Reminder: a follow-up is waiting to be recorded';

/**
 * Emails the pupil's school's active safeguarding leads (DSLs and deputies) about a follow-up. The
 * email names no pupil and nothing about the case (SECURITY.md; DOMAIN.md §7): only that a follow-up
 * is waiting, and a link that works after signing in.
 */
export async function emailSchoolLeads(
	tx: Tx,
	followUp: { serviceId: string; schoolId: string; referralId: string; months: number },
	kind: 'due' | 'chase',
	now: Date
): Promise<number> {
	const rows = await tx
		.select({ email: t.user.email })
		.from(t.user)
		.innerJoin(t.membership, eq(t.membership.userId, t.user.id))
		.where(
			and(
				eq(t.user.active, true),
				eq(t.membership.serviceId, followUp.serviceId),
				eq(t.membership.schoolId, followUp.schoolId),
				inArray(t.membership.role, ['dsl', 'deputy_dsl'])
			)
		);
	const link = `${originConfig().origin}/referrals/${followUp.referralId}/follow-up/${followUp.months}`;
	const text =
		kind === 'due'
			? `A follow-up is due for a pupil you referred; sign in to record it:\n${link}`
			: `A follow-up for a pupil you referred is still waiting to be recorded; sign in to record it:\n${link}`;
	for (const { email } of rows) {
		await enqueueEmail(tx, followUp.serviceId, { to: email, subject: kind === 'due' ? FOLLOW_UP_DUE_SUBJECT : FOLLOW_UP_CHASE_SUBJECT, text }, now);
	}
	return rows.length;
}
