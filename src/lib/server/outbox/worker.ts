import { hostname } from 'node:os';
import { db as appDb, type Db } from '../db';
import { registerCoreJobs } from '../jobs/core';
import { log } from '../util/log';
import { newId } from '../util/ids';
import type { EmailMessage } from './enqueue';
import { ensureRecurringJobs, jobHandler } from './jobs';
import { claimDue, markAttemptFailed, markDone, renewLease, type OutboxRow } from './lease';
import { errorCode, errorSummary, MAX_ATTEMPTS } from './retry';
import { createMailTransport, readMailConfig, type MailTransport } from './transport';

export const DEFAULT_POLL_MS = 5000;
const DEFAULT_BATCH = 10;

export interface WorkerOptions {
	/** Names this worker on the rows it leases. */
	owner: string;
	/** The clock for this run; tests move it instead of waiting. */
	now?: Date;
	batch?: number;
	/** Defaults to the one SMTP_URL / OUTBOX_DIR describe. */
	transport?: MailTransport;
}

export interface WorkerSummary {
	claimed: number;
	done: number;
	retried: number;
	failed: number;
}

let sharedTransport: MailTransport | undefined;
function defaultTransport(): MailTransport {
	sharedTransport ??= createMailTransport(readMailConfig(process.env));
	return sharedTransport;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

/** JSON.parse's own message quotes the text it choked on: never let the payload reach lastError. */
function parsePayload(payload: string): unknown {
	try {
		return JSON.parse(payload);
	} catch {
		throw new Error('the payload is not valid JSON');
	}
}

function parseEmail(payload: string): EmailMessage {
	const value = parsePayload(payload);
	if (isRecord(value) && typeof value.to === 'string' && typeof value.subject === 'string' && typeof value.text === 'string') {
		return { to: value.to, subject: value.subject, text: value.text };
	}
	throw new Error('the email payload lacks to, subject or text');
}

/** Sends the email or runs the job; throws to have the row retried. Returns the job type for the log. */
async function perform(db: Db, row: OutboxRow, transport: MailTransport, now: Date): Promise<string | undefined> {
	if (row.kind === 'email') {
		await transport.send(row.id, parseEmail(row.payload));
		return undefined;
	}
	if (row.kind === 'job') {
		const value = parsePayload(row.payload);
		const type = isRecord(value) && typeof value.type === 'string' ? value.type : undefined;
		if (!type || !isRecord(value)) throw new Error('the job payload has no type');
		const handler = jobHandler(type);
		// Maybe an instance running a newer release queued it: the backoff gives that release time to arrive.
		if (!handler) throw new Error(`no handler is registered for job type ${type.slice(0, 80)}`);
		await handler({ db, id: row.id, payload: value.data, serviceId: row.serviceId, now });
		return type;
	}
	throw new Error(`unknown outbox kind ${row.kind.slice(0, 40)}`);
}

/**
 * One pass: queues this slot's recurring jobs, claims the due rows under a lease, and sends or runs
 * each. Delivery is at least once: a worker that dies between sending and marking the row done leaves
 * the lease to lapse, and the row is sent again (with the same Message-ID).
 */
export async function runWorkerOnce(db: Db, options: WorkerOptions): Promise<WorkerSummary> {
	const { owner, batch = DEFAULT_BATCH } = options;
	const fixed = options.now;
	const clock = () => fixed ?? new Date();
	const transport = options.transport ?? defaultTransport();
	const summary: WorkerSummary = { claimed: 0, done: 0, retried: 0, failed: 0 };

	await ensureRecurringJobs(db, clock());
	const rows = await claimDue(db, owner, clock(), batch);
	summary.claimed = rows.length;
	for (const row of rows) {
		// The batch shares one lease: renew it per row, and skip a row another worker has taken over.
		if (!(await renewLease(db, row.id, owner, clock()))) continue;
		let type: string | undefined;
		try {
			// A row whose worker keeps dying mid-run (it was claimed MAX_ATTEMPTS times already) is not run again.
			if (row.attempts > MAX_ATTEMPTS) throw new Error(`stopped after ${MAX_ATTEMPTS} attempts whose worker never finished`);
			type = await perform(db, row, transport, clock());
		} catch (error) {
			const outcome = await markAttemptFailed(db, row, owner, clock(), error);
			const fields = { id: row.id, kind: row.kind, attempts: row.attempts, code: errorCode(error) };
			if (outcome.status === 'pending') {
				summary.retried++;
				log('warn', 'outbox.retry', { ...fields, runAt: outcome.runAt.toISOString() });
			} else if (outcome.status === 'failed') {
				summary.failed++;
				log('error', 'outbox.failed', fields);
			} else {
				log('warn', 'outbox.lease-lost', fields);
			}
			continue;
		}
		if (await markDone(db, row.id, owner, clock())) {
			summary.done++;
			log('info', row.kind === 'email' ? 'outbox.email.sent' : 'outbox.job.done', { id: row.id, type, attempts: row.attempts });
		} else {
			log('warn', 'outbox.lease-lost', { id: row.id, kind: row.kind, attempts: row.attempts });
		}
	}
	return summary;
}

export function readPollMs(env: Record<string, string | undefined>): number {
	const raw = env.OUTBOX_POLL_MS?.trim();
	if (!raw) return DEFAULT_POLL_MS;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 100) throw new Error(`OUTBOX_POLL_MS must be a whole number of milliseconds, at least 100 (got "${raw}")`);
	return value;
}

interface Running {
	owner: string;
	stopped: boolean;
	timer: ReturnType<typeof setTimeout> | undefined;
	current: Promise<void> | undefined;
}
let running: Running | undefined;

/**
 * Polls the outbox every OUTBOX_POLL_MS in this process. The next run is timed from the end of the
 * last, so runs never overlap; the timer is unref'd, so it never keeps the process alive.
 */
export function startWorker(options: { pollMs?: number; db?: () => Db } = {}): void {
	if (running) return;
	registerCoreJobs();
	const pollMs = options.pollMs ?? readPollMs(process.env);
	const getDb = options.db ?? appDb;
	const worker: Running = { owner: `${hostname()}:${process.pid}:${newId().slice(0, 8)}`, stopped: false, timer: undefined, current: undefined };
	running = worker;
	const schedule = (delay: number) => {
		worker.timer = setTimeout(tick, delay);
		worker.timer.unref();
	};
	const tick = () => {
		worker.timer = undefined;
		worker.current = runWorkerOnce(getDb(), { owner: worker.owner })
			.then(
				() => undefined,
				(error: unknown) => log('error', 'outbox.tick-failed', { owner: worker.owner, code: errorCode(error), error: errorSummary(error) })
			)
			.finally(() => {
				worker.current = undefined;
				if (!worker.stopped) schedule(pollMs);
			});
	};
	schedule(0);
	log('info', 'outbox.worker.started', { owner: worker.owner, pollMs, mail: defaultTransport().target });
}

/** Stops polling, waits for a run in progress to finish, and closes the mail transport. */
export async function stopWorker(): Promise<void> {
	const worker = running;
	if (!worker) return;
	running = undefined;
	worker.stopped = true;
	if (worker.timer) clearTimeout(worker.timer);
	await worker.current;
	sharedTransport?.close();
	sharedTransport = undefined;
}
