import { and, eq, inArray } from 'drizzle-orm';
import { t, type Tx } from '../db';
import { originConfig } from '../env';
import { enqueueEmail } from '../outbox/enqueue';

/**
 * Alert emails carry no pupil details (SECURITY.md; DOMAIN.md §7): they say something needs
 * attention and link to it, so a misdirected email tells nobody anything.
 */
async function recipients(tx: Tx, where: ReturnType<typeof and>): Promise<string[]> {
	const rows = await tx
		.select({ email: t.user.email })
		.from(t.user)
		.innerJoin(t.membership, eq(t.membership.userId, t.user.id))
		.where(and(eq(t.user.active, true), where));
	return rows.map((r) => r.email);
}

function caseLink(referralId: string): string {
	return `${originConfig().origin}/referrals/${referralId}`;
}

export async function notifyNewReferral(tx: Tx, serviceId: string, referralId: string): Promise<void> {
	const to = await recipients(tx, and(eq(t.membership.serviceId, serviceId), eq(t.membership.role, 'youth_worker')));
	for (const email of to) {
		await enqueueEmail(tx, serviceId, {
			to: email,
			subject: 'A new referral needs triage',
			text: `A school has made a new referral on Divert for Schools. It needs triage within 1 working day.\n\nSign in to see it:\n${caseLink(referralId)}`
		});
	}
}

export async function notifySchoolOfChange(tx: Tx, serviceId: string, schoolId: string, referralId: string): Promise<void> {
	const to = await recipients(
		tx,
		and(eq(t.membership.serviceId, serviceId), eq(t.membership.schoolId, schoolId), inArray(t.membership.role, ['dsl', 'deputy_dsl']))
	);
	for (const email of to) {
		await enqueueEmail(tx, serviceId, {
			to: email,
			subject: 'A referral from your school has been updated',
			text: `There is an update to one of your school’s referrals on Divert for Schools.\n\nSign in to see it:\n${caseLink(referralId)}`
		});
	}
}
