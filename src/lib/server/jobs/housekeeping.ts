import { and, eq, isNotNull, lt, or } from 'drizzle-orm';
import { t, type Queryable } from '../db';
import { IDLE_TIMEOUT_MS } from '../auth/session';
import { registerRecurringJob } from '../outbox/jobs';
import { log } from '../util/log';
import { refreshPlannerStatistics } from '../db/planner';

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;
/**
 * A timed-out session is kept a day: while its row exists, a form posted after the timeout is
 * recognised as that person's and kept for them (SECURITY.md 8, auth/pending-form.ts).
 */
export const EXPIRED_SESSION_KEEP_MS = DAY_MS;
/** Used and expired sign-in links stay a week, to answer "my link did not work". */
export const SPENT_LINK_KEEP_MS = 7 * DAY_MS;
/** Sent emails and finished jobs stay a month, to answer "I never got the email". Failed rows stay. */
export const DONE_OUTBOX_KEEP_MS = 30 * DAY_MS;
/** Far longer than any rate-limit window. */
const RATE_LIMIT_KEEP_MS = DAY_MS;

export interface PurgeCounts {
	sessions: number;
	pendingForms: number;
	rateLimits: number;
	links: number;
	outbox: number;
}

const ago = (now: Date, ms: number) => new Date(now.getTime() - ms);

/**
 * Deletes what has no use any more. One statement per table, each its own short write, so the purge
 * never holds the write lock for long.
 */
export async function purgeExpired(q: Queryable, now: Date): Promise<PurgeCounts> {
	const s = t.authSession;
	const sessions = await q
		.delete(s)
		.where(or(lt(s.expiresAt, ago(now, EXPIRED_SESSION_KEEP_MS)), lt(s.lastActiveAt, ago(now, IDLE_TIMEOUT_MS + EXPIRED_SESSION_KEEP_MS))));
	const pendingForms = await q.delete(t.pendingForm).where(lt(t.pendingForm.expiresAt, now));
	const rateLimits = await q.delete(t.rateLimit).where(lt(t.rateLimit.windowStart, ago(now, RATE_LIMIT_KEEP_MS)));
	const a = t.authToken;
	const spent = ago(now, SPENT_LINK_KEEP_MS);
	const links = await q.delete(a).where(or(and(isNotNull(a.usedAt), lt(a.usedAt, spent)), lt(a.expiresAt, spent)));
	const o = t.outbox;
	const outbox = await q.delete(o).where(and(eq(o.status, 'done'), lt(o.doneAt, ago(now, DONE_OUTBOX_KEEP_MS))));
	return {
		sessions: sessions.rowsAffected,
		pendingForms: pendingForms.rowsAffected,
		rateLimits: rateLimits.rowsAffected,
		links: links.rowsAffected,
		outbox: outbox.rowsAffected
	};
}

export const HOUSEKEEPING_JOB = 'housekeeping';

export function registerHousekeeping(): void {
	registerRecurringJob(HOUSEKEEPING_JOB, HOUR_MS, async ({ db, now }) => {
		log('info', 'housekeeping.purged', { ...(await purgeExpired(db, now)) });
		// As tables grow, the planner's statistics drift; refreshing them keeps lists on their indexes.
		await refreshPlannerStatistics(db);
	});
}
