import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import { t, type Queryable } from '../db';
import type { Actor } from '../auth/actor';

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

/**
 * Writes one append-only audit row. Call it with the transaction that makes the change, so the row
 * exists exactly when the change does (SECURITY.md 15).
 */
export async function recordAudit(q: Queryable, actor: Actor | null, entry: AuditEntry): Promise<void> {
	await q.insert(t.auditEvent).values({
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
	});
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
