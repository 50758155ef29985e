import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db, t } from '$lib/server/db';
import { registerJob, scheduleJob } from '$lib/server/outbox/jobs';
import { LEASE_MS } from '$lib/server/outbox/lease';
import { createMailTransport, readMailConfig, type MailTransport } from '$lib/server/outbox/transport';
import { runWorkerOnce } from '$lib/server/outbox/worker';
import { useTestDatabase } from '../helpers/database';

const HOUR = 60 * 60_000;
const MINUTE = 60_000;

let closeDb: () => Promise<void>;
let mailDir: string;
let transport: MailTransport;

beforeAll(async () => {
	({ close: closeDb } = await useTestDatabase());
	mailDir = mkdtempSync(join(tmpdir(), 'divert-jobs-mail-'));
	transport = createMailTransport(readMailConfig({ OUTBOX_DIR: mailDir }));
});
afterAll(async () => {
	transport.close();
	rmSync(mailDir, { recursive: true, force: true });
	await closeDb();
});
beforeEach(async () => {
	await db().delete(t.outbox);
});

async function rowOf(id: string | null) {
	const [row] = await db().select().from(t.outbox).where(eq(t.outbox.id, id ?? ''));
	if (!row) throw new Error('no such outbox row');
	return row;
}

describe('scheduled jobs', () => {
	const seen: { payload: unknown; serviceId: string | null }[] = [];
	registerJob<{ referralId: string }>('test.remind', async ({ payload, serviceId }) => {
		seen.push({ payload, serviceId });
	});
	beforeEach(() => {
		seen.length = 0;
	});

	it('are queued once per dedupe key and run when due, with their payload', async () => {
		const start = new Date('2030-05-06T10:00:00Z');
		const job = { type: 'test.remind', runAt: new Date(start.getTime() + HOUR), payload: { referralId: 'r1' }, serviceId: 'svc-1', dedupeKey: 'remind:r1' };
		expect(await db().transaction((tx) => scheduleJob(tx, job, start))).toEqual(expect.any(String));
		expect(await scheduleJob(db(), job, start)).toBeNull();
		expect(await db().select().from(t.outbox)).toHaveLength(1);

		await runWorkerOnce(db(), { owner: 'w1', now: new Date(start.getTime() + HOUR - 1000), transport });
		expect(seen).toEqual([]);
		await runWorkerOnce(db(), { owner: 'w1', now: new Date(start.getTime() + HOUR), transport });
		await runWorkerOnce(db(), { owner: 'w1', now: new Date(start.getTime() + 2 * HOUR), transport });
		expect(seen).toEqual([{ payload: { referralId: 'r1' }, serviceId: 'svc-1' }]);
	});

	it('retry a failing job with doubling waits and give up after 10 attempts', async () => {
		registerJob('test.broken', async () => {
			throw new Error('the downstream system is unavailable');
		});
		let now = new Date('2030-05-06T10:00:00Z');
		const id = await scheduleJob(db(), { type: 'test.broken', runAt: now }, now);
		const waits: number[] = [];
		for (let attempt = 1; attempt <= 10; attempt++) {
			await runWorkerOnce(db(), { owner: 'w1', now, transport });
			const row = await rowOf(id);
			expect(row.attempts).toBe(attempt);
			if (row.status === 'pending') {
				waits.push((row.runAt.getTime() - now.getTime()) / MINUTE);
				now = row.runAt;
			}
		}
		expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256]);
		expect(await rowOf(id)).toMatchObject({ status: 'failed', attempts: 10, lastError: 'the downstream system is unavailable' });
		expect(await runWorkerOnce(db(), { owner: 'w1', now: new Date(now.getTime() + 100 * HOUR), transport })).toMatchObject({ claimed: 0 });
	});

	it('wait for a release that knows their type, rather than being dropped', async () => {
		const now = new Date('2030-05-06T10:00:00Z');
		const id = await scheduleJob(db(), { type: 'test.from-a-newer-release', runAt: now }, now);
		expect(await runWorkerOnce(db(), { owner: 'w1', now, transport })).toMatchObject({ retried: 1 });
		expect(await rowOf(id)).toMatchObject({ status: 'pending', lastError: 'no handler is registered for job type test.from-a-newer-release' });
	});

	it('are not run again once their workers died mid-run 10 times', async () => {
		const now = new Date('2030-05-06T10:00:00Z');
		const id = await scheduleJob(db(), { type: 'test.remind', runAt: now, payload: { referralId: 'r2' } }, now);
		await db()
			.update(t.outbox)
			.set({ status: 'sending', attempts: 10, leaseOwner: 'dead', leaseUntil: new Date(now.getTime() - LEASE_MS) })
			.where(eq(t.outbox.id, id ?? ''));
		expect(await runWorkerOnce(db(), { owner: 'w1', now, transport })).toMatchObject({ claimed: 1, failed: 1 });
		expect(seen).toEqual([]);
		expect(await rowOf(id)).toMatchObject({ status: 'failed', attempts: 11 });
	});
});
