import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { t, type Queryable } from '../db';
import { backoffMs, errorSummary, MAX_ATTEMPTS } from './retry';

/** How long a claimed row is ours. A worker that dies lets it lapse, and another instance takes the row. */
export const LEASE_MS = 2 * 60_000;

export type OutboxStatus = 'pending' | 'sending' | 'done' | 'failed';
export type OutboxRow = typeof t.outbox.$inferSelect;

/**
 * Claims up to `batch` due rows in one statement: pending rows whose time has come, and rows whose
 * lease lapsed (their worker died). The UPDATE takes the write lock, so two instances never claim the
 * same row, and a row under another worker's live lease is never touched (SECURITY.md 26).
 */
export async function claimDue(q: Queryable, owner: string, now: Date, batch: number): Promise<OutboxRow[]> {
	const o = t.outbox;
	const due = q
		.select({ id: o.id })
		.from(o)
		.where(or(and(eq(o.status, 'pending'), lte(o.runAt, now)), and(eq(o.status, 'sending'), lt(o.leaseUntil, now))))
		.orderBy(asc(o.runAt))
		.limit(batch);
	const rows = await q
		.update(o)
		.set({ status: 'sending', leaseOwner: owner, leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: sql`${o.attempts} + 1` })
		.where(inArray(o.id, due))
		.returning();
	return rows.sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
}

function ours(id: string, owner: string) {
	return and(eq(t.outbox.id, id), eq(t.outbox.leaseOwner, owner), eq(t.outbox.status, 'sending'));
}

/** Extends the lease before each row of a batch; false if another worker has taken the row over. */
export async function renewLease(q: Queryable, id: string, owner: string, now: Date): Promise<boolean> {
	const rows = await q
		.update(t.outbox)
		.set({ leaseUntil: new Date(now.getTime() + LEASE_MS) })
		.where(ours(id, owner))
		.returning({ id: t.outbox.id });
	return rows.length === 1;
}

export async function markDone(q: Queryable, id: string, owner: string, now: Date): Promise<boolean> {
	const rows = await q
		.update(t.outbox)
		.set({ status: 'done', doneAt: now, leaseUntil: null })
		.where(ours(id, owner))
		.returning({ id: t.outbox.id });
	return rows.length === 1;
}

export type FailureOutcome = { status: 'pending'; runAt: Date } | { status: 'failed' } | { status: 'lost' };

/** Puts a failed row back with a backoff, or leaves it 'failed' after MAX_ATTEMPTS. */
export async function markAttemptFailed(q: Queryable, row: OutboxRow, owner: string, now: Date, error: unknown): Promise<FailureOutcome> {
	const lastError = errorSummary(error);
	const outcome: FailureOutcome =
		row.attempts >= MAX_ATTEMPTS ? { status: 'failed' } : { status: 'pending', runAt: new Date(now.getTime() + backoffMs(row.attempts)) };
	const rows = await q
		.update(t.outbox)
		.set(outcome.status === 'pending' ? { status: 'pending', runAt: outcome.runAt, leaseUntil: null, lastError } : { status: 'failed', leaseUntil: null, lastError })
		.where(ours(row.id, owner))
		.returning({ id: t.outbox.id });
	return rows.length === 1 ? outcome : { status: 'lost' };
}
