import { AsyncLocalStorage } from 'node:async_hooks';
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import { db, t, type Queryable } from '../db';
import type { Actor } from '../auth/actor';
import { commitTogether } from './group-commit';

export interface AuditEntry {
	action: string;
	recordType?: string;
	recordId?: string;
	/** Codes only, never names or free text: a filter name, a state, a count. */
	detail?: Record<string, string | number | boolean | null>;
	/** Overrides for rows written before anyone is signed in (a failed sign-in, say). */
	userId?: string | null;
	serviceId?: string | null;
	schoolId?: string | null;
	address?: string | null;
}

type AuditRow = typeof t.auditEvent.$inferInsert;
interface Batch {
	rows: AuditRow[];
	open: boolean;
}
const batches = new AsyncLocalStorage<Batch>();
const captures = new AsyncLocalStorage<AuditEntry[]>();

/**
 * Writes one append-only audit row. Call it with the transaction that makes the change, so the row
 * exists exactly when the change does (SECURITY.md 15). A read's row (written with `db()`, outside
 * any transaction) inside `withAuditBatch` is held and written with the request's other rows.
 */
export async function recordAudit(q: Queryable, actor: Actor | null, entry: AuditEntry): Promise<void> {
	const row = auditRow(actor, entry);
	if (q === db()) captures.getStore()?.push(entry);
	const batch = batches.getStore();
	if (batch?.open && q === db()) {
		batch.rows.push(row);
		return;
	}
	await q.insert(t.auditEvent).values(row);
}

/**
 * Runs a request with the audit rows of its reads held back, then writes them all in one statement:
 * one commit (one fsync) for a page whose panels each audit their read, instead of one each (issue
 * 8's bench). The caller awaits this before sending anything, so the rows are written before any of
 * what they record leaves the server, and if writing them fails the request fails. Each row keeps the
 * time it was recorded. A change's row, written in the change's transaction, is never held.
 */
export async function withAuditBatch<T>(run: () => Promise<T>): Promise<T> {
	const batch: Batch = { rows: [], open: true };
	try {
		return await batches.run(batch, run);
	} finally {
		// Anything recorded from now on (by work that outlives the request) is written at once.
		batch.open = false;
		if (batch.rows.length > 0) await commitTogether(batch.rows);
	}
}

/**
 * Runs `read` and returns the audit entries its reads recorded (written as usual), so a page kept in
 * memory (render/kept-pages.ts) can write the same rows again each time it is served: every read of
 * a pupil's record keeps its row whether or not the page was built afresh (SECURITY.md 15). A change's
 * row, written in its transaction, is not a read's and is not captured.
 */
export async function captureReadAudits<T>(read: () => Promise<T>): Promise<{ value: T; entries: AuditEntry[] }> {
	const entries: AuditEntry[] = [];
	const value = await captures.run(entries, read);
	return { value, entries };
}

/** Writes again the read rows {@link captureReadAudits} captured, as `actor` now (this request's address). */
export async function recordReadAudits(actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
	for (const entry of entries) await recordAudit(db(), actor, entry);
}

function auditRow(actor: Actor | null, entry: AuditEntry): AuditRow {
	return {
		at: new Date(),
		actorUserId: entry.userId !== undefined ? entry.userId : (actor?.userId ?? null),
		actorRole: actor?.role ?? null,
		serviceId: entry.serviceId !== undefined ? entry.serviceId : (actor?.serviceId ?? null),
		schoolId: entry.schoolId !== undefined ? entry.schoolId : (actor?.schoolId ?? null),
		action: entry.action,
		recordType: entry.recordType ?? null,
		recordId: entry.recordId ?? null,
		detail: entry.detail ? JSON.stringify(entry.detail) : null,
		address: entry.address !== undefined ? entry.address : (actor?.address ?? null)
	};
}

export interface AuditFilter {
	action?: string;
	userId?: string;
	recordId?: string;
	from?: Date;
	to?: Date;
	/** Keyset pagination: rows older than this id. */
	before?: number;
	limit?: number;
}

/** Audit rows of the actor's service, newest first, by keyset on the id. */
export async function searchAudit(q: Queryable, serviceId: string, filter: AuditFilter) {
	const where: SQL[] = [eq(t.auditEvent.serviceId, serviceId)];
	if (filter.action) where.push(eq(t.auditEvent.action, filter.action));
	if (filter.userId) where.push(eq(t.auditEvent.actorUserId, filter.userId));
	if (filter.recordId) where.push(eq(t.auditEvent.recordId, filter.recordId));
	if (filter.from) where.push(gte(t.auditEvent.at, filter.from));
	if (filter.to) where.push(lte(t.auditEvent.at, filter.to));
	if (filter.before) where.push(lt(t.auditEvent.id, filter.before));
	return q
		.select()
		.from(t.auditEvent)
		.where(and(...where))
		.orderBy(desc(t.auditEvent.id))
		.limit(filter.limit ?? 50);
}
