import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, t } from '$lib/server/db';
import { openDatabase, type Database } from '$lib/server/db/client';
import { readDatabaseConfig } from '$lib/server/db/config';
import { registerRecurringJob } from '$lib/server/outbox/jobs';
import { createMailTransport, readMailConfig, type MailTransport } from '$lib/server/outbox/transport';
import { runWorkerOnce } from '$lib/server/outbox/worker';
import { useTestDatabase } from '../helpers/database';

const HOUR = 60 * 60_000;

let closeDb: () => Promise<void>;
let databaseUrl: string;
let mailDir: string;
let transport: MailTransport;

beforeAll(async () => {
	({ close: closeDb, url: databaseUrl } = await useTestDatabase());
	mailDir = mkdtempSync(join(tmpdir(), 'divert-recurring-mail-'));
	transport = createMailTransport(readMailConfig({ OUTBOX_DIR: mailDir }));
});
afterAll(async () => {
	transport.close();
	rmSync(mailDir, { recursive: true, force: true });
	await closeDb();
});

describe('recurring jobs', () => {
	it('run once a slot, however many workers queue the slot', async () => {
		const runs: string[] = [];
		registerRecurringJob('test.sweep', HOUR, async ({ payload }) => {
			runs.push(payload.slot);
		});
		const others: Database[] = [];
		try {
			for (let i = 0; i < 2; i++) others.push(await openDatabase(readDatabaseConfig({ DATABASE_URL: databaseUrl })));
			const tick = (now: Date) => Promise.all(others.map((o, i) => runWorkerOnce(o.db, { owner: `w${i}`, now, transport })));

			await tick(new Date('2030-05-06T10:20:00Z'));
			await tick(new Date('2030-05-06T10:20:05Z'));
			await tick(new Date('2030-05-06T10:59:59Z'));
			expect(runs).toEqual(['2030-05-06T10:00:00.000Z']);

			await tick(new Date('2030-05-06T11:00:03Z'));
			await tick(new Date('2030-05-06T11:00:08Z'));
			expect(runs).toEqual(['2030-05-06T10:00:00.000Z', '2030-05-06T11:00:00.000Z']);

			const rows = await db().select().from(t.outbox).where(like(t.outbox.dedupeKey, 'test.sweep@%'));
			expect(rows.map((r) => r.dedupeKey).sort()).toEqual(['test.sweep@2030-05-06T10:00:00.000Z', 'test.sweep@2030-05-06T11:00:00.000Z']);
			expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
		} finally {
			others.forEach((o) => o.client.close());
		}
	});

	it('refuse to run more often than once a minute', () => {
		expect(() => registerRecurringJob('test.too-often', 1000, async () => {})).toThrow(/once a minute/);
	});
});
