import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { database, db, t } from '$lib/server/db';
import { readPragmas } from '$lib/server/db/client';
import { useTestDatabase } from '../helpers/database';
import { dbErrorOf } from '../helpers/errors';

let close: () => Promise<void>;
beforeAll(async () => {
	({ close } = await useTestDatabase());
});
afterAll(() => close());

describe('the embedded database', () => {
	it('runs WAL, synchronous=FULL, foreign keys and a busy timeout, still after a transaction', async () => {
		const expected = { journalMode: 'wal', synchronous: 2, foreignKeys: 1, busyTimeout: 1000 };
		expect(await readPragmas(database().client)).toEqual(expected);
		await db().transaction(async (tx) => {
			await tx.insert(t.service).values({ id: 'svc-pragma', name: 'Pragma', createdAt: new Date() });
		});
		expect(await readPragmas(database().client)).toEqual(expected);
		await expect(
			db().transaction(async (tx) => {
				await tx.insert(t.service).values({ id: 'svc-rollback', name: 'Rolled back', createdAt: new Date() });
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		expect(await readPragmas(database().client)).toEqual(expected);
	});

	it('enforces foreign keys', async () => {
		const message = await dbErrorOf(
			db().insert(t.school).values({ id: 'x', serviceId: 'no-such-service', name: 'x', urn: '1', type: 'x', phase: 'x', localAuthority: 'x', createdAt: new Date() })
		);
		expect(message).toMatch(/FOREIGN KEY constraint failed/);
	});

	it('refuses to update or delete audit rows', async () => {
		await db().insert(t.auditEvent).values({ at: new Date(), action: 'test.event' });
		expect(await dbErrorOf(db().run(sql`UPDATE audit_event SET action = 'changed'`))).toMatch(/append-only/);
		expect(await dbErrorOf(db().run(sql`DELETE FROM audit_event`))).toMatch(/append-only/);
		const [row] = await db().select().from(t.auditEvent);
		expect(row?.action).toBe('test.event');
	});
});
