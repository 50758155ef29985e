import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/libsql';
import { database, type Queryable } from '$lib/server/db';
import * as schema from '$lib/server/db/schema';
import { submissionFigures } from '$lib/server/reports/aggregates';
import { academicYear } from '$lib/server/reports/periods';
import { referralListQuery, triageQueueQuery } from '$lib/server/referrals/lists';
import { dueListQuery } from '$lib/server/escalations/due-list';
import { followUpsToRecordQuery } from '$lib/server/follow-ups/lists';
import { searchAudit } from '$lib/server/audit/audit';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	await database().client.execute('ANALYZE');
});
afterAll(() => close());

/** SQLite's plan for a drizzle query, one line per step. */
async function plan(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<string[]> {
	const { sql, params } = query.toSQL();
	const result = await database().client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: params as never[] });
	return result.rows.map((r) => String(r.detail));
}

/** A full scan of a table that grows with referrals; small fixed tables (school) may be scanned. */
function tableScans(lines: string[]): string[] {
	return lines.filter((l) => /^SCAN (referral|case_timer|case_event|audit_event|referral_section)\b/.test(l));
}

describe('list and search queries use indexes (no table scans)', () => {
	it('the DSL’s list', async () => {
		const lines = await plan(referralListQuery(world.services[0].schools[0].actors.dsl, {}));
		expect(tableScans(lines), lines.join('\n')).toEqual([]);
		expect(lines.join('\n')).toMatch(/referral_school_list/);
	});

	it('the DSL’s list filtered by state, on a later page', async () => {
		const lines = await plan(referralListQuery(world.services[0].schools[0].actors.dsl, { state: 'submitted', after: '1795000000000.abc' }));
		expect(tableScans(lines), lines.join('\n')).toEqual([]);
	});

	it('the name search', async () => {
		const lines = await plan(referralListQuery(world.services[0].schools[0].actors.dsl, { search: 'zoe' }));
		expect(tableScans(lines), lines.join('\n')).toEqual([]);
		const both = await plan(referralListQuery(world.services[0].schools[0].actors.dsl, { search: 'zoe smi' }));
		expect(tableScans(both), both.join('\n')).toEqual([]);
	});

	it('the youth workers’ triage queue', async () => {
		const lines = await plan(triageQueueQuery(world.services[0].actors.youth_worker));
		expect(tableScans(lines), lines.join('\n')).toEqual([]);
		// Only running timers: stopped ones pile up as cases close and are never walked past.
		expect(lines.join('\n')).toContain('USING INDEX case_timer_open');
	});

	it('the follow-ups a DSL has to record, walking only the open ones in due order', async () => {
		const lines = await plan(followUpsToRecordQuery(world.services[0].schools[0].actors.dsl));
		expect(tableScans(lines), lines.join('\n')).toEqual([]);
		expect(lines.join('\n')).toContain('USING INDEX follow_up_school_open (school_id=? AND recorded_at=? AND not_returned_at=?)');
		expect(lines.join('\n')).not.toContain('TEMP B-TREE');
	});

	it('the due list, all and “mine”, on a later page', async () => {
		const youthWorker = world.services[0].actors.youth_worker;
		for (const filter of [{}, { mine: true }, { after: '1795000000000.abc' }]) {
			const lines = await plan(dueListQuery(youthWorker, filter));
			expect(tableScans(lines), lines.join('\n')).toEqual([]);
			expect(lines.join('\n')).toContain('USING INDEX case_timer_open');
		}
	});

	it('the audit list, unfiltered and filtered, on a later page', async () => {
		const serviceId = world.services[0].id;
		for (const filter of [{}, { action: 'referral.viewed' }, { before: 1000 }, { from: new Date('2026-01-01') }]) {
			const lines = await aggregatePlan((q) => searchAudit(q, serviceId, filter));
			expect(tableScans(lines), lines.join('\n')).toEqual([]);
		}
	});
});

/** Runs a report aggregate on a drizzle instance that records its SQL, and returns SQLite's plan for it. */
async function aggregatePlan(run: (q: Queryable) => Promise<unknown>): Promise<string[]> {
	const captured: { sql: string; params: unknown[] }[] = [];
	const recording = drizzle(database().client, { schema, casing: 'snake_case', logger: { logQuery: (sql, params) => captured.push({ sql, params }) } });
	await run(recording);
	const lines: string[] = [];
	for (const query of captured) {
		const result = await database().client.execute({ sql: `EXPLAIN QUERY PLAN ${query.sql}`, args: query.params as never[] });
		lines.push(...result.rows.map((r) => String(r.detail)));
	}
	return lines;
}

describe('report aggregates read the statistics rows through an index (no table scan)', () => {
	const period = academicYear(2025);

	it('a school’s submission figures (the governor’s report)', async () => {
		const school = world.services[0].schools[0];
		const lines = await aggregatePlan((q) => submissionFigures(q, { serviceId: world.services[0].id, schoolId: school.id }, period));
		expect(lines.filter((l) => /^SCAN referral_statistic\b/.test(l)), lines.join('\n')).toEqual([]);
		// With empty tables SQLite may pick either index; on real data (ANALYZE) it picks the school's (large-data.test.ts).
		expect(lines.join('\n')).toMatch(/SEARCH referral_statistic USING INDEX referral_statistic_(school|service)_submitted/);
	});

	it('a service’s submission figures (the commissioner’s report)', async () => {
		const lines = await aggregatePlan((q) => submissionFigures(q, { serviceId: world.services[0].id }, period));
		expect(lines.filter((l) => /^SCAN referral_statistic\b/.test(l)), lines.join('\n')).toEqual([]);
		expect(lines.join('\n')).toMatch(/SEARCH referral_statistic USING INDEX referral_statistic_service_submitted/);
	});
});
