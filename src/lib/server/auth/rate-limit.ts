import { eq, sql } from 'drizzle-orm';
import { t, type Queryable } from '../db';

export interface Limit {
	max: number;
	windowMs: number;
}

/** Per account: strict. Per address: generous, since a whole trust can share one public address. */
export const SIGN_IN_ACCOUNT: Limit = { max: 5, windowMs: 15 * 60_000 };
export const SIGN_IN_ADDRESS: Limit = { max: 100, windowMs: 15 * 60_000 };
export const PASSWORD_RESET: Limit = { max: 3, windowMs: 60 * 60_000 };
export const MFA_ATTEMPTS: Limit = { max: 5, windowMs: 15 * 60_000 };

/** True when the key has used up its window. Counters live in the database, shared by every instance. */
export async function isLimited(q: Queryable, key: string, limit: Limit, now = new Date()): Promise<boolean> {
	const [row] = await q.select().from(t.rateLimit).where(eq(t.rateLimit.key, key));
	if (!row) return false;
	if (row.windowStart.getTime() <= now.getTime() - limit.windowMs) return false;
	return row.count >= limit.max;
}

/** Counts one event against the key, starting a new window when the old one has passed. */
export async function countHit(q: Queryable, key: string, limit: Limit, now = new Date()): Promise<number> {
	const stale = now.getTime() - limit.windowMs;
	const [row] = await q
		.insert(t.rateLimit)
		.values({ key, windowStart: now, count: 1 })
		.onConflictDoUpdate({
			target: t.rateLimit.key,
			set: {
				count: sql`CASE WHEN ${t.rateLimit.windowStart} <= ${stale} THEN 1 ELSE ${t.rateLimit.count} + 1 END`,
				windowStart: sql`CASE WHEN ${t.rateLimit.windowStart} <= ${stale} THEN ${now.getTime()} ELSE ${t.rateLimit.windowStart} END`
			}
		})
		.returning({ count: t.rateLimit.count });
	return row?.count ?? 1;
}

export async function clearHits(q: Queryable, key: string): Promise<void> {
	await q.delete(t.rateLimit).where(eq(t.rateLimit.key, key));
}
