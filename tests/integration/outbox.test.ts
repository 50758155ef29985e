import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { db, t, type Db } from '$lib/server/db';
import { openDatabase, type Database } from '$lib/server/db/client';
import { readDatabaseConfig } from '$lib/server/db/config';
import { enqueueEmail, type EmailMessage } from '$lib/server/outbox/enqueue';
import { claimDue, LEASE_MS, markDone } from '$lib/server/outbox/lease';
import { createMailTransport, readMailConfig, type MailTransport } from '$lib/server/outbox/transport';
import { runWorkerOnce, startWorker, stopWorker } from '$lib/server/outbox/worker';
import { useTestDatabase } from '../helpers/database';
import { recipients, startSmtp } from '../helpers/smtp';


async function rowOf(id: string) {
	const [row] = await db().select().from(t.outbox).where(eq(t.outbox.id, id));
	if (!row) throw new Error('no such outbox row');
	return row;
}

async function onlyRow() {
	const rows = await db().select().from(t.outbox);
	expect(rows).toHaveLength(1);
	return rows[0]!;
}

const message = (n = 1): EmailMessage => ({
	to: `dsl.${n}@school.example`,
	subject: `A referral needs your attention (${n})`,
	text: `Something in Divert for Schools needs your attention.\n\nOpen https://divert.example/referrals/abc${n} to see it.`
});

let closeDb: () => Promise<void>;
let databaseUrl: string;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let transport: MailTransport;

beforeAll(async () => {
	({ close: closeDb, url: databaseUrl } = await useTestDatabase());
	smtp = await startSmtp();
	transport = createMailTransport(readMailConfig({ SMTP_URL: smtp.url }));
});
afterAll(async () => {
	transport.close();
	await smtp.close();
	await closeDb();
});
beforeEach(async () => {
	smtp.received.length = 0;
	smtp.state.refuse = 0;
	await db().delete(t.outbox);
});

describe('the outbox worker over SMTP', () => {
	it('delivers an email enqueued in a committed transaction once, with its recipient, subject and text', async () => {
		await db().transaction((tx) => enqueueEmail(tx, null, message()));
		const summary = await runWorkerOnce(db(), { owner: 'w1', transport });
		expect(summary).toEqual({ claimed: 1, done: 1, retried: 0, failed: 0 });
		expect(smtp.received).toHaveLength(1);
		const mail = smtp.received[0]!;
		expect(recipients(mail)).toBe(message().to);
		expect(mail.subject).toBe(message().subject);
		expect(mail.text?.trim()).toBe(message().text);
		expect(mail.from?.value).toEqual([{ name: 'Divert for Schools', address: 'no-reply@divert.invalid' }]);
		const row = await onlyRow();
		expect(mail.messageId).toBe(`<${row.id}@divert.invalid>`);
		expect(row).toMatchObject({ status: 'done', attempts: 1, lastError: null });
		expect(row.doneAt).toBeInstanceOf(Date);

		await runWorkerOnce(db(), { owner: 'w1', transport });
		expect(smtp.received).toHaveLength(1);
	});

	it('never sends an email whose transaction rolled back', async () => {
		await expect(
			db().transaction(async (tx) => {
				await enqueueEmail(tx, null, message());
				throw new Error('the change failed');
			})
		).rejects.toThrow('the change failed');
		expect(await runWorkerOnce(db(), { owner: 'w1', transport })).toMatchObject({ claimed: 0 });
		expect(smtp.received).toHaveLength(0);
		expect(await db().select().from(t.outbox)).toHaveLength(0);
	});

	it('retries after the SMTP server refuses, waiting a minute first, and then delivers', async () => {
		const start = new Date('2030-03-04T09:00:00Z');
		await enqueueEmail(db(), null, message(), start);
		smtp.state.refuse = 1;
		expect(await runWorkerOnce(db(), { owner: 'w1', transport, now: start })).toMatchObject({ claimed: 1, retried: 1 });
		expect(smtp.received).toHaveLength(0);
		const waiting = await onlyRow();
		expect(waiting).toMatchObject({ status: 'pending', attempts: 1, leaseUntil: null });
		expect(waiting.runAt.getTime() - start.getTime()).toBe(60_000);
		expect(waiting.lastError).toMatch(/451/);
		expect(waiting.lastError).not.toContain(message().text);

		expect(await runWorkerOnce(db(), { owner: 'w1', transport, now: new Date(start.getTime() + 59_000) })).toMatchObject({ claimed: 0 });
		expect(await runWorkerOnce(db(), { owner: 'w2', transport, now: new Date(start.getTime() + 60_000) })).toMatchObject({ done: 1 });
		expect(smtp.received).toHaveLength(1);
		expect(smtp.received[0]!.subject).toBe(message().subject);
		expect(await rowOf(waiting.id)).toMatchObject({ status: 'done', attempts: 2 });
	});

	it('delivers each of 20 queued emails exactly once with two workers on separate connections', async () => {
		const others: Database[] = [];
		try {
			for (let i = 0; i < 2; i++) others.push(await openDatabase(readDatabaseConfig({ DATABASE_URL: databaseUrl })));
			const transports = others.map(() => createMailTransport(readMailConfig({ SMTP_URL: smtp.url })));
			await db().transaction(async (tx) => {
				for (let n = 1; n <= 20; n++) await enqueueEmail(tx, null, message(n));
			});
			const drain = async (worker: Db, owner: string, via: MailTransport) => {
				let done = 0;
				for (;;) {
					const summary = await runWorkerOnce(worker, { owner, transport: via, batch: 3 });
					if (summary.claimed === 0) return done;
					done += summary.done;
				}
			};
			const counts = await Promise.all(others.map((o, i) => drain(o.db, `w${i}`, transports[i]!)));
			transports.forEach((x) => x.close());

			expect(counts[0]! + counts[1]!).toBe(20);
			expect(counts[0]).toBeGreaterThan(0);
			expect(counts[1]).toBeGreaterThan(0);
			const subjects = smtp.received.map((m) => m.subject).sort();
			expect(subjects).toEqual(Array.from({ length: 20 }, (_, i) => message(i + 1).subject).sort());
			const rows = await db().select().from(t.outbox);
			expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
		} finally {
			others.forEach((o) => o.client.close());
		}
	});

	it('leaves a row alone under another worker\'s live lease, and takes it over once the lease lapses', async () => {
		const start = new Date('2030-03-04T09:00:00Z');
		await enqueueEmail(db(), null, message(), start);
		// A worker claims the row and dies before sending it.
		const [claimed] = await claimDue(db(), 'dead-worker', start, 10);
		expect(claimed).toMatchObject({ status: 'sending', leaseOwner: 'dead-worker', attempts: 1 });

		const beforeLapse = new Date(start.getTime() + LEASE_MS - 1000);
		expect(await runWorkerOnce(db(), { owner: 'w2', transport, now: beforeLapse })).toMatchObject({ claimed: 0 });
		expect(smtp.received).toHaveLength(0);

		const afterLapse = new Date(start.getTime() + LEASE_MS + 1000);
		expect(await runWorkerOnce(db(), { owner: 'w2', transport, now: afterLapse })).toMatchObject({ claimed: 1, done: 1 });
		expect(smtp.received).toHaveLength(1);
		expect(await rowOf(claimed!.id)).toMatchObject({ status: 'done', attempts: 2, leaseOwner: 'w2' });
		// The first worker, back from the dead, cannot overwrite the outcome.
		expect(await markDone(db(), claimed!.id, 'dead-worker', afterLapse)).toBe(false);
	});
});

describe('the outbox worker without SMTP_URL', () => {
	it('writes the email as an .eml file into OUTBOX_DIR, logging its path and never its content', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'divert-outbox-'));
		const outboxDir = join(dir, 'outbox');
		const files = createMailTransport(readMailConfig({ OUTBOX_DIR: outboxDir }));
		const writes: string[] = [];
		const logLevel = process.env.LOG_LEVEL;
		delete process.env.LOG_LEVEL;
		const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
			writes.push(String(chunk));
			return true;
		});
		try {
			await enqueueEmail(db(), null, message());
			expect(await runWorkerOnce(db(), { owner: 'w1', transport: files })).toMatchObject({ done: 1 });
			spy.mockRestore();

			const names = readdirSync(outboxDir);
			expect(names).toHaveLength(1);
			const name = names[0]!;
			expect(name).toMatch(/^\d{8}T\d{6}\.\d{3}Z-[a-z0-9]+\.eml$/);
			const path = join(outboxDir, name);
			expect(statSync(path).mode & 0o777).toBe(0o600);
			const mail = await simpleParser(readFileSync(path));
			expect(recipients(mail)).toBe(message().to);
			expect(mail.subject).toBe(message().subject);
			expect(mail.text?.trim()).toBe(message().text);

			const logged = writes.join('');
			expect(logged).toContain(path);
			expect(logged).not.toContain(message().subject);
			expect(logged).not.toContain(message().to);
			expect(logged).not.toContain('needs your attention');
		} finally {
			spy.mockRestore();
			if (logLevel !== undefined) process.env.LOG_LEVEL = logLevel;
			files.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('the polling worker', () => {
	it('sends what is queued while it runs, and nothing once stopped', async () => {
		const saved = process.env.SMTP_URL;
		process.env.SMTP_URL = smtp.url;
		try {
			startWorker({ pollMs: 20 });
			await enqueueEmail(db(), null, message(1));
			const emailStatus = async () => (await db().select().from(t.outbox).where(eq(t.outbox.kind, 'email'))).map((r) => r.status);
			await vi.waitFor(async () => expect(await emailStatus()).toEqual(['done']), { timeout: 3000, interval: 20 });
			expect(smtp.received.map((m) => m.subject)).toEqual([message(1).subject]);

			await stopWorker();
			const [queued] = await db().insert(t.outbox).values({ id: 'after-stop', kind: 'email', payload: JSON.stringify(message(2)), status: 'pending', runAt: new Date(), createdAt: new Date() }).returning();
			await new Promise((r) => setTimeout(r, 150));
			expect(await rowOf(queued!.id)).toMatchObject({ status: 'pending', attempts: 0 });
			expect(smtp.received).toHaveLength(1);
		} finally {
			await stopWorker();
			if (saved === undefined) delete process.env.SMTP_URL;
			else process.env.SMTP_URL = saved;
		}
	});
});
