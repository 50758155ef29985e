import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database } from '$lib/server/db';
import { useTestDatabase } from '../helpers/database';

let close: () => Promise<void>;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	await database().client.execute('CREATE TABLE kept_probe (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)');
});
afterAll(() => close());

const run = (sql: string, args: (string | number)[] = []) => database().client.execute({ sql, args });

describe('kept prepared statements (db/statement-cache.ts) answer exactly as fresh ones would', () => {
	it('runs the same statement again with new values, and after a constraint error', async () => {
		await run('INSERT INTO kept_probe (id, name) VALUES (?, ?)', [1, 'Zoë']);
		await expect(run('INSERT INTO kept_probe (id, name) VALUES (?, ?)', [2, 'Zoë'])).rejects.toThrow(/UNIQUE/);
		await run('INSERT INTO kept_probe (id, name) VALUES (?, ?)', [3, 'Łukasz']);
		for (const [id, name] of [[1, 'Zoë'], [3, 'Łukasz']] as const) {
			const result = await run('SELECT id, name FROM kept_probe WHERE id = ?', [id]);
			expect(result.columns).toEqual(['id', 'name']);
			expect(result.rows.map((r) => ({ ...r }))).toEqual([{ id, name }]);
		}
	});

	it('sees a column added after a `select *` was kept', async () => {
		expect((await run('SELECT * FROM kept_probe WHERE id = ?', [1])).columns).toEqual(['id', 'name']);
		await run('ALTER TABLE kept_probe ADD COLUMN note TEXT');
		await run('UPDATE kept_probe SET note = ? WHERE id = ?', ['added', 1]);
		const after = await run('SELECT * FROM kept_probe WHERE id = ?', [1]);
		expect(after.columns).toEqual(['id', 'name', 'note']);
		expect(after.rows[0]?.note).toBe('added');
	});

	it('keeps answering inside and after a rolled-back transaction', async () => {
		const tx = await database().client.transaction('write');
		await tx.execute({ sql: 'INSERT INTO kept_probe (id, name) VALUES (?, ?)', args: [4, 'Σοφία'] });
		expect((await tx.execute({ sql: 'SELECT count(*) AS n FROM kept_probe', args: [] })).rows[0]?.n).toBe(3);
		await tx.rollback();
		expect((await run('SELECT count(*) AS n FROM kept_probe')).rows[0]?.n).toBe(2);
	});
});
