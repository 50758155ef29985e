import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database } from '$lib/server/db';
import { referralListQuery, triageQueueQuery } from '$lib/server/referrals/lists';
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
	});
});
