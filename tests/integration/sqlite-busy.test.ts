import { spawn } from 'node:child_process';
import { createClient, type Client, type Transaction } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '$lib/server/audit/audit';
import { database, t } from '$lib/server/db';
import { isBusy } from '$lib/server/db/busy';
import { openDatabase, readPragmas } from '$lib/server/db/client';
import { readDatabaseConfig } from '$lib/server/db/config';
import { addBankHoliday } from '$lib/server/settings/calendar';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let url: string;
let world: World;
beforeAll(async () => {
	({ close, url } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

const admin = () => world.services[0].actors.provider_admin;

/** Another connection to the file, in this process: it takes the write lock and keeps it until told. */
async function holdWriteLock(): Promise<{ client: Client; held: Transaction }> {
	const client = createClient({ url });
	const held = await client.transaction('write');
	await held.execute({ sql: "INSERT INTO audit_event (at, action) VALUES (?, 'test.lock-holder')", args: [Date.now()] });
	return { client, held };
}

/** What a fresh connection sees: only committed rows. */
async function committed(sql: string, args: (string | number)[] = []): Promise<number> {
	const reader = createClient({ url });
	try {
		const [row] = (await reader.execute({ sql, args })).rows;
		return Number(row?.n ?? 0);
	} finally {
		reader.close();
	}
}

const holidayCommitted = (date: string) =>
	committed(
		"SELECT count(*) AS n FROM bank_holiday b JOIN audit_event a ON a.record_type = 'bank_holiday' AND a.record_id = b.date AND a.service_id = b.service_id WHERE b.date = ?",
		[date]
	);

describe('SQLITE_BUSY: another writer holds the lock (SECURITY.md 18)', () => {
	it('waits for another process’s short write lock, then writes', async () => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/lock-holder.ts'], {
			env: { ...process.env, DATABASE_URL: url, HOLD_MS: '300' },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
		await new Promise<void>((resolve, reject) => {
			child.stdout.on('data', (chunk: Buffer) => String(chunk).includes('locked') && resolve());
			child.once('exit', () => reject(new Error('The lock holder exited before taking the lock')));
		});
		expect(await addBankHoliday(admin(), { date: '2031-01-02', name: 'Waited for the lock' })).toEqual({ ok: true });
		expect(await exited).toBe(0);
		expect(await holidayCommitted('2031-01-02')).toBe(1);
	}, 30_000);

	it('rides out a lock held past the busy timeout, and the change and its audit row are committed', async () => {
		const { client, held } = await holdWriteLock();
		// This timer runs only when the app's write gives up waiting inside SQLite (the wait blocks the
		// event loop): the lock outlasts the busy timeout, and only a retry after a pause can succeed.
		const released = new Promise<void>((resolve) => setTimeout(() => void held.commit().then(resolve), 20));
		expect(await addBankHoliday(admin(), { date: '2031-01-03', name: 'After a busy lock' })).toEqual({ ok: true });
		await released;
		client.close();
		expect(await holidayCommitted('2031-01-03')).toBe(1);
		expect(await committed("SELECT count(*) AS n FROM audit_event WHERE action = 'test.lock-holder'")).toBeGreaterThan(0);
		// The connection that saw SQLITE_BUSY was replaced, and the new one has the same settings.
		expect(await readPragmas(database().client)).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: 1, busyTimeout: 1000 });
	}, 30_000);

	it('rides out the lock for a single statement too, which is then committed, not left pending', async () => {
		const { client, held } = await holdWriteLock();
		const released = new Promise<void>((resolve) => setTimeout(() => void held.commit().then(resolve), 20));
		await recordAudit(database().db, admin(), { action: 'test.single-statement' });
		await released;
		client.close();
		expect(await committed("SELECT count(*) AS n FROM audit_event WHERE action = 'test.single-statement'")).toBe(1);
	}, 30_000);

	it('after a SQLITE_BUSY that outlasts every retry, the next writes are committed', async () => {
		// A second instance of the data layer on the same file, told not to try again: the write fails.
		const app = await openDatabase(readDatabaseConfig({ DATABASE_URL: url }), { retry: { budgetMs: 0, pausesMs: [0] } });
		const { client, held } = await holdWriteLock();
		const refused = app.db.transaction(async (tx) => {
			await tx.insert(t.auditEvent).values({ at: new Date(), action: 'test.refused' });
		});
		await expect(refused).rejects.toSatisfy(isBusy);
		await held.rollback();
		client.close();

		await app.db.transaction(async (tx) => {
			await tx.insert(t.auditEvent).values({ at: new Date(), action: 'test.after-busy' });
		});
		await app.db.insert(t.auditEvent).values({ at: new Date(), action: 'test.after-busy' });
		expect(await committed("SELECT count(*) AS n FROM audit_event WHERE action = 'test.after-busy'")).toBe(2);
		expect(await committed("SELECT count(*) AS n FROM audit_event WHERE action = 'test.refused'")).toBe(0);
		expect((await readPragmas(app.client)).foreignKeys).toBe(1);
		app.client.close();
		// No lock was left behind: the app's own connection writes at once.
		expect(await addBankHoliday(admin(), { date: '2031-01-06', name: 'Afterwards' })).toEqual({ ok: true });
	}, 30_000);
});
