import { and, eq, isNull, lte } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import { t, type Db, type Tx } from '../db';
import { originConfig } from '../env';
import { enqueueEmail } from '../outbox/enqueue';
import { registerRecurringJob } from '../outbox/jobs';
import { log } from '../util/log';

export const OVERDUE_ALERT_JOB = 'timers.overdue-alerts';
export const OVERDUE_ALERT_EVERY_MS = 15 * 60_000;
export const OVERDUE_SUBJECT = 'Something is overdue on Divert for Schools';

/** Open, past due and not yet alerted: what the next alert is about. */
function alertable(now: Date) {
	return and(isNull(t.caseTimer.metAt), isNull(t.caseTimer.stoppedAt), isNull(t.caseTimer.alertedAt), lte(t.caseTimer.dueAt, now));
}

async function activeYouthWorkers(tx: Tx, serviceId: string): Promise<string[]> {
	const rows = await tx
		.select({ email: t.user.email })
		.from(t.user)
		.innerJoin(t.membership, eq(t.membership.userId, t.user.id))
		.where(and(eq(t.user.active, true), eq(t.membership.serviceId, serviceId), eq(t.membership.role, 'youth_worker')));
	return rows.map((r) => r.email);
}

/**
 * Emails every active youth worker of each service with something overdue (DOMAIN.md §3 step 4, issue 5).
 * The email carries no pupil details, only a link to the due list. Per service, one transaction claims
 * the overdue timers (sets alertedAt), queues the emails and writes the audit row, so each overdue
 * timer is alerted once even when the job runs twice. Returns how many services were emailed.
 */
export async function sendOverdueAlerts(database: Db, now: Date): Promise<number> {
	const services = await database.selectDistinct({ serviceId: t.caseTimer.serviceId }).from(t.caseTimer).where(alertable(now));
	let emailed = 0;
	for (const { serviceId } of services) {
		const sent = await database.transaction(async (tx) => {
			const claimed = await tx
				.update(t.caseTimer)
				.set({ alertedAt: now })
				.where(and(eq(t.caseTimer.serviceId, serviceId), alertable(now)))
				.returning({ id: t.caseTimer.id });
			if (claimed.length === 0) return false;
			const to = await activeYouthWorkers(tx, serviceId);
			for (const email of to) {
				await enqueueEmail(
					tx,
					serviceId,
					{
						to: email,
						subject: OVERDUE_SUBJECT,
						text: `Something on Divert for Schools is past the time it was due.\n\nSign in to see what is due and overdue:\n${originConfig().origin}/due`
					},
					now
				);
			}
			await recordAudit(tx, null, {
				action: 'timers.overdue-alerted',
				userId: null,
				serviceId,
				schoolId: null,
				address: null,
				detail: { timers: claimed.length, recipients: to.length }
			});
			return true;
		});
		if (sent) emailed++;
	}
	return emailed;
}

export function registerOverdueAlerts(): void {
	registerRecurringJob(OVERDUE_ALERT_JOB, OVERDUE_ALERT_EVERY_MS, async ({ db, now }) => {
		log('info', 'timers.overdue-alerts', { services: await sendOverdueAlerts(db, now) });
	});
}
