import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Client } from '@libsql/client';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Db } from './client';
import { refreshPlannerStatisticsAtStart } from './planner';

const LEASE_MS = 60_000;
const POLL_MS = 100;

export const MIGRATIONS_FOLDER = resolve(process.env.MIGRATIONS_FOLDER ?? 'drizzle');

/**
 * Applies pending migrations under a lock row, so several instances starting together apply each
 * migration once (SECURITY.md 26). The lock is a lease: a holder that died frees it after a minute.
 */
export async function migrateUnderLock(client: Client, db: Db, folder = MIGRATIONS_FOLDER): Promise<void> {
	await client.execute(
		'CREATE TABLE IF NOT EXISTS migration_lock (id INTEGER PRIMARY KEY CHECK (id = 1), owner TEXT NOT NULL, expires_at INTEGER NOT NULL)'
	);
	const owner = randomUUID();
	for (;;) {
		const now = Date.now();
		const taken = await client.execute({
			sql: `INSERT INTO migration_lock (id, owner, expires_at) VALUES (1, ?, ?)
				ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
				WHERE migration_lock.expires_at < ?
				RETURNING owner`,
			args: [owner, now + LEASE_MS, now]
		});
		if (taken.rows.length === 1) break;
		await new Promise((r) => setTimeout(r, POLL_MS));
	}
	try {
		await migrate(db, { migrationsFolder: folder });
		// A migration may have added an index the planner has no statistics for (planner.ts).
		await refreshPlannerStatisticsAtStart(db);
	} finally {
		await client.execute({ sql: 'DELETE FROM migration_lock WHERE id = 1 AND owner = ?', args: [owner] });
	}
}
