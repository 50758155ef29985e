import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@libsql/client';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'divert-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations at start-up', () => {
	it('are applied once when four instances start together on one database', async () => {
		const url = `file:${join(dir, 'shared.db')}`;
		const starts = Array.from({ length: 4 }, () =>
			run(process.execPath, ['--import', 'tsx', 'tests/helpers/migrate-child.ts'], { env: { ...process.env, DATABASE_URL: url } })
		);
		const results = await Promise.all(starts);
		expect(results.map((r) => r.stdout.trim())).toEqual(['migrated', 'migrated', 'migrated', 'migrated']);
		const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: unknown[] };
		const client = createClient({ url });
		const applied = await client.execute('SELECT hash, count(*) AS n FROM __drizzle_migrations GROUP BY hash');
		expect(applied.rows).toHaveLength(journal.entries.length);
		expect(applied.rows.every((row) => Number(row.n) === 1)).toBe(true);
		const lock = await client.execute('SELECT count(*) AS n FROM migration_lock');
		expect(Number(lock.rows[0]?.n)).toBe(0);
		client.close();
	}, 60_000);
});
