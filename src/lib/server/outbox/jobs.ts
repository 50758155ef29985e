/**
 * Scheduled jobs run through the outbox table, so every instance can run them and each run happens once.
 *
 * One-off job (e.g. a reminder due on a date):
 *   registerJob('referral.reminder', async ({ db, payload, now }) => { … });   // at module load
 *   await scheduleJob(tx, { type: 'referral.reminder', runAt, payload: { referralId }, dedupeKey: `reminder:${referralId}` });
 *
 * Recurring job (e.g. an overdue sweep every hour):
 *   registerRecurringJob('referrals.overdue', 60 * 60_000, async ({ db, now }) => { … });
 * and add the registration to registerCoreJobs() in src/lib/server/jobs/core.ts. Slots are aligned
 * to the epoch in UTC (hourly runs at :00); every worker tick queues the current slot's run with the
 * dedupe key `${type}@${slotStart ISO}`, so whichever instance gets there first queues it and one
 * instance runs it. A slot missed while no instance was running is not made up.
 *
 * Handlers run at least once: a worker that dies mid-run leaves the lease to expire, and another
 * instance runs the job again. Write them so a second run does no harm (check before you send or
 * write). A thrown error is retried with backoff; its message is kept on the row, so it must not
 * contain pupil details. Payloads hold ids, never pupil details. Registering a type again replaces
 * its handler.
 */
import { t, type Db, type Queryable } from '../db';
import { newId } from '../util/ids';

export interface JobRun<P = unknown> {
	db: Db;
	/** The outbox row's id. */
	id: string;
	payload: P;
	serviceId: string | null;
	/** The worker's clock for this tick (tests move it). */
	now: Date;
}

export type JobHandler<P = unknown> = (run: JobRun<P>) => Promise<void>;

export interface RecurringPayload {
	/** The start of the slot this run belongs to (ISO). */
	slot: string;
}

interface Recurring {
	type: string;
	everyMs: number;
}

const handlers = new Map<string, JobHandler>();
const recurring = new Map<string, Recurring>();

export function registerJob<P = unknown>(type: string, handler: JobHandler<P>): void {
	handlers.set(type, handler as JobHandler);
}

export function jobHandler(type: string): JobHandler | undefined {
	return handlers.get(type);
}

export interface JobRequest {
	type: string;
	runAt: Date;
	payload?: unknown;
	serviceId?: string | null;
	/** Scheduling a key that is already queued (or ran) does nothing. */
	dedupeKey?: string;
}

/**
 * A job row, written in the caller's transaction (it runs only if the change commits). Returns the
 * row's id, or null when the dedupe key was taken already.
 */
export async function scheduleJob(q: Queryable, job: JobRequest, now = new Date()): Promise<string | null> {
	const inserted = await q
		.insert(t.outbox)
		.values({
			id: newId(),
			kind: 'job',
			serviceId: job.serviceId ?? null,
			payload: JSON.stringify({ type: job.type, data: job.payload ?? null }),
			dedupeKey: job.dedupeKey ?? null,
			status: 'pending',
			runAt: job.runAt,
			createdAt: now
		})
		.onConflictDoNothing({ target: t.outbox.dedupeKey })
		.returning({ id: t.outbox.id });
	return inserted[0]?.id ?? null;
}

export function registerRecurringJob(type: string, everyMs: number, handler: JobHandler<RecurringPayload>): void {
	if (!Number.isInteger(everyMs) || everyMs < 60_000) throw new Error(`recurring job ${type}: run at most once a minute`);
	registerJob(type, handler);
	recurring.set(type, { type, everyMs });
}

export function slotStart(everyMs: number, now: Date): Date {
	return new Date(Math.floor(now.getTime() / everyMs) * everyMs);
}

/** Queues the current slot of every recurring job, unless some instance queued it already. */
export async function ensureRecurringJobs(q: Queryable, now: Date): Promise<void> {
	for (const job of recurring.values()) {
		const slot = slotStart(job.everyMs, now).toISOString();
		const payload: RecurringPayload = { slot };
		await scheduleJob(q, { type: job.type, runAt: new Date(slot), payload, dedupeKey: `${job.type}@${slot}` }, now);
	}
}
