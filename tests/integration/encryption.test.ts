import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '$lib/server/db/client';
import { readDatabaseConfig } from '$lib/server/db/config';
import { migrateUnderLock } from '$lib/server/db/migrate';
import { t } from '$lib/server/db';

const dir = mkdtempSync(join(tmpdir(), 'divert-enc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('encryption at rest (SECURITY.md 22)', () => {
	it('makes the file unreadable without DATABASE_ENCRYPTION_KEY', async () => {
		const path = join(dir, 'secret.db');
		const key = 'a-test-key-that-is-long-enough-1234';
		const database = await openDatabase(readDatabaseConfig({ DATABASE_URL: `file:${path}`, DATABASE_ENCRYPTION_KEY: key }));
		await migrateUnderLock(database.client, database.db);
		await database.db.insert(t.service).values({ id: 'svc', name: 'Findable Service Name', createdAt: new Date() });
		await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
		database.client.close();

		const bytes = readFileSync(path);
		expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
		expect(bytes.includes(Buffer.from('Findable Service Name'))).toBe(false);

		const withoutKey = createClient({ url: `file:${path}` });
		await expect(withoutKey.execute('SELECT name FROM service')).rejects.toThrow();
		withoutKey.close();

		const withKey = await openDatabase(readDatabaseConfig({ DATABASE_URL: `file:${path}`, DATABASE_ENCRYPTION_KEY: key }));
		const rows = await withKey.db.select().from(t.service);
		expect(rows.map((r) => r.name)).toEqual(['Findable Service Name']);
		withKey.client.close();
	});
});
