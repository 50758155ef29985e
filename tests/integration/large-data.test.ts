import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNotNull, ne, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import type { Role } from '$lib/roles';
import type { Actor } from '$lib/server/auth/actor';
import { closeDatabase, database, db, startDatabase, t } from '$lib/server/db';
import * as schema from '$lib/server/db/schema';
import { generateLargeData } from '$lib/server/large-data/generate';
import { isCurrent } from '$lib/server/large-data/marker';
import { DEFAULTS, SMALL, type LargeDataOptions } from '$lib/server/large-data/options';
import { referralListQuery, triageQueueQuery } from '$lib/server/referrals/lists';
import { submissionFigures } from '$lib/server/reports/aggregates';
import { academicYear } from '$lib/server/reports/periods';
import { computeStatistic } from '$lib/server/statistics/refresh';

const UNTIL = '2026-11-26';
const NOW = new Date(`${UNTIL}T12:00:00Z`);
let dir: string;
let options: LargeDataOptions;
let rows: Record<string, number>;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'divert-large-'));
	options = { ...DEFAULTS, ...SMALL, out: join(dir, 'large.db'), until: UNTIL };
	({ rows } = await generateLargeData(options));
	await closeDatabase();
	await startDatabase({ DATABASE_URL: `file:${options.out}` });
}, 120_000);
afterAll(async () => {
	await closeDatabase();
	rmSync(dir, { recursive: true, force: true });
});

async function one<T>(query: string): Promise<T[]> {
	return (await database().client.execute(query)).rows as unknown as T[];
}

async function actorWith(role: Role): Promise<Actor> {
	const [m] = await db().select().from(t.membership).where(eq(t.membership.role, role)).limit(1);
	if (!m) throw new Error(`no ${role}`);
	return { userId: m.userId, role, serviceId: m.serviceId, schoolId: m.schoolId, senior: false, sessionId: 'large-data-test', mfaVerifiedAt: NOW, mfaEnrolled: true, address: '127.0.0.1' };
}

describe('the large-data generator, on its small preset', () => {
	it('writes the asked-for services, schools and referrals, with accounts for every role', async () => {
		expect(rows).toMatchObject({ service: 2, school: 20, referral: 2000 });
		const roles = await one<{ role: string; n: number }>('SELECT role, count(*) AS n FROM membership GROUP BY role');
		const byRole = Object.fromEntries(roles.map((r) => [r.role, Number(r.n)]));
		expect(byRole).toMatchObject({ dsl: 20, governor: 20, provider_admin: 4, commissioner: 4 });
		expect(byRole.youth_worker).toBeGreaterThanOrEqual(4);
		expect(await one('SELECT 1 FROM term_date GROUP BY service_id HAVING count(*) < 15')).toEqual([]);
	});

	it('leaves a consistent file: no broken foreign key, integrity ok', async () => {
		expect(await one('PRAGMA foreign_key_check')).toEqual([]);
		expect(await one<{ integrity_check: string }>('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
	});

	it('spreads cases over every stage, most of them closed', async () => {
		const states = Object.fromEntries((await one<{ state: string; n: number }>('SELECT state, count(*) AS n FROM referral GROUP BY state')).map((r) => [r.state, Number(r.n)]));
		expect(states.closed ?? 0).toBeGreaterThan(2000 * 0.6);
		expect(Object.keys(states).length).toBeGreaterThanOrEqual(9);
		for (const open of ['draft', 'completed', 'follow_up_due', 'in_programme']) expect(states[open] ?? 0, open).toBeGreaterThan(0);
	});

	it('dates every closed case for retention review, as closing a case does in the app (DOMAIN.md §7)', async () => {
		const undated = await one<{ n: number }>("SELECT count(*) AS n FROM referral WHERE state = 'closed' AND (closed_at IS NULL OR retention_review_on IS NULL)");
		expect(Number(undated[0]?.n)).toBe(0);
		const open = await one<{ n: number }>("SELECT count(*) AS n FROM referral WHERE state <> 'closed' AND retention_review_on IS NOT NULL");
		expect(Number(open[0]?.n)).toBe(0);
	});

	it('has outcomes and escalations in realistic proportions', async () => {
		const outcomes = Object.fromEntries((await one<{ outcome: string; n: number }>('SELECT outcome, count(*) AS n FROM case_outcome GROUP BY outcome')).map((r) => [r.outcome, Number(r.n)]));
		const total = Object.values(outcomes).reduce((a, b) => a + b, 0);
		expect((outcomes.completed ?? 0) / total).toBeGreaterThan(0.6);
		expect((outcomes.completed ?? 0) / total).toBeLessThan(0.9);
		const [escalated] = await one<{ n: number }>('SELECT count(DISTINCT referral_id) AS n FROM escalation');
		const share = Number(escalated?.n) / 2000;
		expect(share).toBeGreaterThan(0.08);
		expect(share).toBeLessThan(0.25);
		const [certified] = await one<{ n: number }>("SELECT count(*) AS n FROM certificate c JOIN case_outcome o ON o.referral_id = c.referral_id WHERE o.outcome <> 'completed'");
		expect(Number(certified?.n)).toBe(0);
	});

	it('gives every submitted referral a statistics row equal to what computeStatistic computes', async () => {
		const missing = await db().select({ id: t.referral.id }).from(t.referral).where(and(ne(t.referral.state, 'draft'), sql`${t.referral.statisticId} IS NULL`));
		expect(missing).toEqual([]);
		const sample = await db()
			.select({ id: t.referral.id, statisticId: t.referral.statisticId })
			.from(t.referral)
			.where(isNotNull(t.referral.statisticId))
			.orderBy(t.referral.id)
			.limit(120);
		for (const { id, statisticId } of sample) {
			const [stored] = await db().select().from(t.referralStatistic).where(eq(t.referralStatistic.id, statisticId ?? ''));
			const computed = await computeStatistic(db(), id, NOW);
			const { id: _id, updatedAt: _stored, ...storedFields } = stored ?? { id: '', updatedAt: null };
			const { updatedAt: _computed, ...computedFields } = computed ?? { updatedAt: null };
			expect(storedFields, id).toEqual(computedFields);
		}
	});

	it('serves the app’s own queries: the DSL list, the triage queue and report aggregates', async () => {
		const dsl = await actorWith('dsl');
		const list = await referralListQuery(dsl, {}).all();
		expect(list.length).toBeGreaterThan(0);
		expect(list.every((r) => r.schoolName)).toBe(true);
		const youthWorker = await actorWith('youth_worker');
		await expect(triageQueueQuery(youthWorker).all()).resolves.toBeInstanceOf(Array);
		const period = academicYear(2025);
		const school = await submissionFigures(db(), { serviceId: dsl.serviceId, schoolId: dsl.schoolId }, period);
		const service = await submissionFigures(db(), { serviceId: dsl.serviceId }, period);
		expect(Number(service?.referrals)).toBeGreaterThan(Number(school?.referrals));
		const [direct] = await one<{ n: number }>(`SELECT count(*) AS n FROM referral WHERE service_id = '${dsl.serviceId}' AND state <> 'draft' AND submitted_at IS NOT NULL AND date(submitted_at / 1000, 'unixepoch') BETWEEN '2025-08-31' AND '2026-09-01'`);
		expect(Number(service?.referrals)).toBeGreaterThan(0);
		expect(Math.abs(Number(service?.referrals) - Number(direct?.n))).toBeLessThan(5);
	});

	it('reads a school’s report figures through the school’s index once the data is analysed', async () => {
		const dsl = await actorWith('dsl');
		const captured: { sql: string; params: unknown[] }[] = [];
		const recording = drizzle(database().client, { schema, casing: 'snake_case', logger: { logQuery: (query, params) => captured.push({ sql: query, params }) } });
		await submissionFigures(recording, { serviceId: dsl.serviceId, schoolId: dsl.schoolId }, academicYear(2025));
		const plan = await database().client.execute({ sql: `EXPLAIN QUERY PLAN ${captured[0]?.sql}`, args: captured[0]?.params as never[] });
		expect(plan.rows.map((r) => String(r.detail)).join('\n')).toMatch(/SEARCH referral_statistic USING INDEX referral_statistic_school_submitted/);
	});

	it('marks the file with its generator version and seed, so --if-missing can reuse it', () => {
		expect(isCurrent(options)).toBe(true);
		expect(isCurrent({ ...options, seed: options.seed + 1 })).toBe(false);
	});
});
