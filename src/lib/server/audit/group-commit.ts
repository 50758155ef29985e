import { db, t } from '../db';

type AuditRow = typeof t.auditEvent.$inferInsert;
interface Waiting {
	rows: AuditRow[];
	done: () => void;
	failed: (error: unknown) => void;
}

/** Rows in one insert statement: well under SQLite's limit on bound values (11 a row). */
const ROWS_A_STATEMENT = 500;
let waiting: Waiting[] = [];

/** How many group commits have been written, and with how many requests' rows (for tests and tuning). */
export const groupCommitCounts = { commits: 0, requests: 0 };

/**
 * Writes the audit rows of reads from requests that finish together in one commit (a group commit,
 * as databases do): under load, one fsync for several pages' rows instead of one each (issue 8).
 * Each caller's promise settles only once its rows are committed, so a request still answers only
 * after its audit rows exist. If the group's write fails, each request's rows are tried on their own,
 * so only a request whose own rows cannot be written fails. Only for reads' rows (audit.ts
 * `withAuditBatch`): a change's row is written in the change's own transaction.
 */
export function commitTogether(rows: AuditRow[]): Promise<void> {
	return new Promise((done, failed) => {
		waiting.push({ rows, done, failed });
		// The first to wait schedules the write after this turn's I/O, so others finishing now join it.
		if (waiting.length === 1) setImmediate(() => void writeWaiting());
	});
}

async function insertAll(rows: AuditRow[]): Promise<void> {
	if (rows.length <= ROWS_A_STATEMENT) {
		await db().insert(t.auditEvent).values(rows);
		return;
	}
	await db().transaction(async (tx) => {
		for (let i = 0; i < rows.length; i += ROWS_A_STATEMENT) await tx.insert(t.auditEvent).values(rows.slice(i, i + ROWS_A_STATEMENT));
	});
}

async function writeWaiting(): Promise<void> {
	const group = waiting;
	waiting = [];
	try {
		await insertAll(group.flatMap((w) => w.rows));
		groupCommitCounts.commits++;
		groupCommitCounts.requests += group.length;
		for (const w of group) w.done();
	} catch (error) {
		if (group.length === 1) {
			group[0]?.failed(error);
			return;
		}
		for (const w of group) await insertAll(w.rows).then(w.done, w.failed);
	}
}
