import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, database, startDatabase } from '$lib/server/db';
import { addBankHoliday } from '$lib/server/settings/calendar';
import { bundleWriter, startWriter, type Writer } from '../helpers/crash-writers';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

/**
 * SECURITY.md 19: the app's data layer, in a child process, writes changes with their audit rows and
 * is killed with SIGKILL at a random moment, again and again, on one libSQL file. Time-boxed, so a
 * slow machine runs fewer rounds, but never fewer than MIN_KILLS within LIMIT_MS.
 */
const MIN_KILLS = 50;
const LIMIT_MS = 60_000;
/** Rounds go on this long even after MIN_KILLS; then, if still short, until LIMIT_MS. */
const WINDOW_MS = 40_000;
/** How long after it is ready to write a writer may live: the kill falls anywhere in its writes. */
const MAX_LIFE_MS = 250;
const FIRST_DAY = '2200-01-01';

let close: () => Promise<void>;
let url: string;
let world: World;
let bundleDir: string;
let writerScript: string;
beforeAll(async () => {
	mkdirSync(join('tests', '.tmp'), { recursive: true });
	bundleDir = mkdtempSync(join('tests', '.tmp', 'crash-writer-'));
	({ close, url } = await useTestDatabase());
	world = await seedWorld();
	// Nothing else holds the file open while the writers die: each restart recovers it alone.
	await closeDatabase();
	writerScript = await bundleWriter(bundleDir);
});
afterAll(async () => {
	await close();
	rmSync(bundleDir, { recursive: true, force: true });
});

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)));
	return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe('crash safety (SECURITY.md 19)', () => {
	it('loses no acknowledged write and no audit row when the writer is killed at random, and the file stays sound', async ({ annotate }) => {
		const admin = world.services[0].actors.provider_admin;
		const env = { DATABASE_URL: url, CRASH_ACTOR: JSON.stringify(admin), CRASH_FIRST_DAY: FIRST_DAY };
		const acked: string[] = [];
		const killedAt: number[] = [];
		let loading = 0;
		let opening = 0;
		const started = Date.now();
		// Two writers loading ahead: starting Node and the modules is the slow part of a round.
		const warm = [startWriter(writerScript, env, acked), startWriter(writerScript, env, acked)];
		try {
			for (;;) {
				const elapsed = Date.now() - started;
				if (elapsed >= LIMIT_MS || (elapsed >= WINDOW_MS && killedAt.length >= MIN_KILLS)) break;
				const writer = warm.shift() as Writer;
				warm.push(startWriter(writerScript, env, acked));
				let mark = Date.now();
				await within(writer.loaded, 30_000, 'Loading a writer');
				loading += Date.now() - mark;
				mark = Date.now();
				writer.go();
				await within(writer.ready, 30_000, 'Opening the database after a kill');
				opening += Date.now() - mark;
				await new Promise((resolve) => setTimeout(resolve, Math.random() * MAX_LIFE_MS));
				await writer.kill();
				killedAt.push(Date.now() - started);
			}
		} finally {
			await Promise.all(warm.map((writer) => writer.kill()));
		}

		await startDatabase({ DATABASE_URL: url });
		const { client } = database();
		const integrity = (await client.execute('PRAGMA integrity_check')).rows.map((row) => String(row[0]));
		const foreignKeyProblems = (await client.execute('PRAGMA foreign_key_check')).rows.length;
		const present = new Set(
			(await client.execute({ sql: 'SELECT date FROM bank_holiday WHERE service_id = ? AND date >= ?', args: [admin.serviceId, FIRST_DAY] })).rows.map((row) =>
				String(row.date)
			)
		);
		const lost = acked.filter((date) => !present.has(date));
		const [pairs] = (
			await client.execute({
				sql: `SELECT
					(SELECT count(*) FROM bank_holiday b WHERE b.service_id = :service AND b.date >= :first AND (SELECT count(*) FROM audit_event a
						WHERE a.record_type = 'bank_holiday' AND a.record_id = b.date AND a.service_id = b.service_id AND a.action = 'settings.changed') <> 1) AS changes_without_one_audit_row,
					(SELECT count(*) FROM audit_event a WHERE a.record_type = 'bank_holiday' AND a.service_id = :service AND a.record_id >= :first
						AND NOT EXISTS (SELECT 1 FROM bank_holiday b WHERE b.service_id = a.service_id AND b.date = a.record_id)) AS audit_rows_without_change`,
				args: { service: admin.serviceId, first: FIRST_DAY }
			})
		).rows;
		const fiftieth = ((killedAt[MIN_KILLS - 1] ?? NaN) / 1000).toFixed(1);
		const perRound = (ms: number) => Math.round(ms / killedAt.length);
		const report =
			`${killedAt.length} kills (the ${MIN_KILLS}th after ${fiftieth} s), ${acked.length} acknowledged writes, ${lost.length} lost, ` +
			`${present.size - acked.length} committed but killed before their acknowledgement; ` +
			`waits per round: ${perRound(loading)} ms for a writer to load, ${perRound(opening)} ms to open the database`;
		await annotate(report);
		process.stdout.write(`Crash safety: ${report}\n`);

		expect(killedAt.length).toBeGreaterThanOrEqual(MIN_KILLS);
		expect(killedAt[MIN_KILLS - 1]).toBeLessThanOrEqual(LIMIT_MS);
		expect(acked.length).toBeGreaterThan(MIN_KILLS);
		expect(new Set(acked).size).toBe(acked.length);
		expect(lost).toEqual([]);
		expect({ changesWithoutOneAuditRow: Number(pairs?.changes_without_one_audit_row), auditRowsWithoutChange: Number(pairs?.audit_rows_without_change) }).toEqual({
			changesWithoutOneAuditRow: 0,
			auditRowsWithoutChange: 0
		});
		expect(integrity).toEqual(['ok']);
		expect(foreignKeyProblems).toBe(0);

		// The database takes writes again.
		expect(await addBankHoliday(admin, { date: '2199-12-31', name: 'After the crashes' })).toEqual({ ok: true });
		const [after] = (await client.execute({ sql: "SELECT count(*) AS n FROM bank_holiday WHERE date = '2199-12-31'" })).rows;
		expect(Number(after?.n)).toBe(1);
	}, 120_000);
});
