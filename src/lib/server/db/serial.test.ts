import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, readPragmas, type Database } from './client';
import { readDatabaseConfig } from './config';
import { migrateUnderLock } from './migrate';
import { t } from './index';

const dir = mkdtempSync(join(tmpdir(), 'divert-serial-'));
let database: Database;
beforeAll(async () => {
	database = await openDatabase(readDatabaseConfig({ DATABASE_URL: `file:${join(dir, 'serial.db')}` }));
	await migrateUnderLock(database.client, database.db);
});
afterAll(() => {
	database.client.close();
	rmSync(dir, { recursive: true, force: true });
});

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('one connection shared by concurrent requests', () => {
	it('makes a query wait for an open transaction instead of failing', async () => {
		const order: string[] = [];
		const writer = database.db.transaction(async (tx) => {
			await tx.insert(t.service).values({ id: 's1', name: 'One', createdAt: new Date() });
			await tick();
			order.push('transaction done');
		});
		await tick();
		const reader = database.db.select().from(t.service).then((rows) => {
			order.push(`read ${rows.length}`);
		});
		await Promise.all([writer, reader]);
		expect(order).toEqual(['transaction done', 'read 1']);
	});

	it('runs concurrent transactions one after another, in order', async () => {
		const order: number[] = [];
		await Promise.all(
			[1, 2, 3, 4].map((n) =>
				database.db.transaction(async (tx) => {
					await tx.insert(t.service).values({ id: `s-${n}`, name: `Service ${n}`, createdAt: new Date() });
					await tick();
					order.push(n);
				})
			)
		);
		expect(order).toEqual([1, 2, 3, 4]);
	});

	it('frees the connection after a transaction that failed', async () => {
		await expect(
			database.db.transaction(async (tx) => {
				await tx.insert(t.service).values({ id: 's-fail', name: 'Fail', createdAt: new Date() });
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		const rows = await database.db.select().from(t.service);
		expect(rows.map((r) => r.id)).not.toContain('s-fail');
		expect((await readPragmas(database.client)).foreignKeys).toBe(1);
	});
});
