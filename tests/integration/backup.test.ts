import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '$lib/server/audit/audit';
import { backupDatabase, checkCopy, restoreDatabase, tableRows } from '$lib/server/backup/backup';
import { db, t } from '$lib/server/db';
import { openDatabase } from '$lib/server/db/client';
import { readDatabaseConfig } from '$lib/server/db/config';
import { migrateUnderLock } from '$lib/server/db/migrate';
import { useTestDatabase } from '../helpers/database';
import { submittedCase } from '../helpers/case';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let url: string;
let dir: string;
let world: World;
beforeAll(async () => {
	({ close, url, dir } = await useTestDatabase());
	world = await seedWorld();
	await submittedCase(world.services[0].schools[0].actors.dsl);
});
afterAll(() => close());

describe('backups (SECURITY.md)', () => {
	it('copies the database while the app goes on writing, and the copy passes its integrity check', async () => {
		const actor = world.services[0].actors.provider_admin;
		let writing = true;
		let written = 0;
		const writer = (async () => {
			while (writing) {
				await recordAudit(db(), actor, { action: 'test.write-during-backup' });
				written++;
				// The embedded client answers without a real wait: give timers and the backup their turn.
				await new Promise((r) => setImmediate(r));
			}
		})();
		await new Promise((r) => setTimeout(r, 100));
		const check = await backupDatabase(readDatabaseConfig({ DATABASE_URL: url }), join(dir, 'backups', 'online.db'));
		await new Promise((r) => setTimeout(r, 100));
		writing = false;
		await writer;

		expect(check.integrity).toBe('ok');
		expect(written).toBeGreaterThan(0);
		const live = (await db().select().from(t.auditEvent)).length;
		// A snapshot taken mid-stream: some of the writes, never more than the live database has.
		expect(check.rows.audit_event).toBeGreaterThan(0);
		expect(check.rows.audit_event).toBeLessThanOrEqual(live);
		expect(check.rows.referral).toBe(1);
		expect(check.rows.school).toBe(4);
	});

	it('refuses to write over an existing file', async () => {
		const path = join(dir, 'backups', 'taken.db');
		writeFileSync(path, 'something else');
		await expect(backupDatabase(readDatabaseConfig({ DATABASE_URL: url }), path)).rejects.toThrow(/already exists/);
		expect(readFileSync(path, 'utf8')).toBe('something else');
	});

	it('restores a backup with the app stopped, refusing to overwrite without --force, and the app opens it', async () => {
		const backup = join(dir, 'backups', 'to-restore.db');
		const taken = await backupDatabase(readDatabaseConfig({ DATABASE_URL: url }), backup);
		const target = readDatabaseConfig({ DATABASE_URL: `file:${join(dir, 'restored', 'divert.db')}` });
		const restored = await restoreDatabase(target, backup);
		expect(restored.integrity).toBe('ok');

		await expect(restoreDatabase(target, backup)).rejects.toThrow(/exists: restoring replaces it/);
		expect((await restoreDatabase(target, backup, { force: true })).integrity).toBe('ok');

		// The app's own data layer starts on the restored file (migrations find nothing to do) with every row.
		const app = await openDatabase(target);
		await migrateUnderLock(app.client, app.db);
		expect(await tableRows(app.client)).toEqual(taken.rows);
		expect((await app.db.select().from(t.referral)).length).toBe(1);
		app.client.close();
	});

	it('refuses to restore over a database whose write-ahead log shows it is in use', async () => {
		const backup = join(dir, 'backups', 'busy.db');
		await backupDatabase(readDatabaseConfig({ DATABASE_URL: url }), backup);
		const path = join(dir, 'busy', 'divert.db');
		const target = readDatabaseConfig({ DATABASE_URL: `file:${path}` });
		await restoreDatabase(target, backup);
		const running = await openDatabase(target);
		await running.client.execute("INSERT INTO bank_holiday (service_id, date, name) SELECT id, '2099-01-01', 'Test' FROM service LIMIT 1");
		expect(existsSync(`${path}-wal`)).toBe(true);
		// The app is mid-transaction: its log cannot be folded in, so the restore refuses, even forced.
		const tx = await running.client.transaction('write');
		await tx.execute("INSERT INTO bank_holiday (service_id, date, name) SELECT id, '2099-01-02', 'Test' FROM service LIMIT 1");
		await expect(restoreDatabase(target, backup, { force: true })).rejects.toThrow(/the app looks to be running/);
		await tx.rollback();
		running.client.close();
		// Once the app has stopped, the log folds in and the restore goes ahead, leaving no stale log behind.
		expect((await restoreDatabase(target, backup, { force: true })).integrity).toBe('ok');
		expect(existsSync(`${path}-wal`)).toBe(false);
	});

	it('keeps an encrypted database’s backup encrypted with the same key', async () => {
		const key = 'a-backup-test-key-long-enough-5678';
		const config = readDatabaseConfig({ DATABASE_URL: `file:${join(dir, 'secret.db')}`, DATABASE_ENCRYPTION_KEY: key });
		const secret = await openDatabase(config);
		await migrateUnderLock(secret.client, secret.db);
		await secret.db.insert(t.service).values({ id: 'svc', name: 'Findable Backup Service', createdAt: new Date() });
		const path = join(dir, 'backups', 'secret-copy.db');
		const check = await backupDatabase(config, path);
		secret.client.close();
		expect(check.integrity).toBe('ok');
		expect(readFileSync(path).includes(Buffer.from('Findable Backup Service'))).toBe(false);
		const withoutKey = createClient({ url: `file:${path}` });
		await expect(withoutKey.execute('SELECT name FROM service')).rejects.toThrow();
		withoutKey.close();
		expect((await checkCopy(path, key)).rows.service).toBe(1);
		const restored = await restoreDatabase(readDatabaseConfig({ DATABASE_URL: `file:${join(dir, 'secret-restored.db')}`, DATABASE_ENCRYPTION_KEY: key }), path);
		expect(restored.rows.service).toBe(1);
	});
});
