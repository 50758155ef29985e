import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, t } from '$lib/server/db';
import { buildGovernorReport, type GovernorReportView } from '$lib/server/reports/governor/report';
import { reportVersionOf } from '$lib/server/reports/kept';
import { readFilter } from '$lib/server/reports/service/filter';
import { serviceReport } from '$lib/server/reports/service/report';
import { newId } from '$lib/server/util/ids';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';
import { insertRoll, insertStatistic, seedGovernorDataset } from './governor-report-fixtures';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	await seedGovernorDataset(world.services[0].id, world.services[0].schools[0].id);
});
afterAll(() => close());

const NOW = new Date('2026-01-15T12:00:00Z');
const service = () => world.services[0];
const other = () => world.services[1];
const school = () => service().schools[0];

async function governorView(now = NOW): Promise<GovernorReportView> {
	const view = await buildGovernorReport(school().actors.governor, school().id, 'ay-2024', now);
	if (!view) throw new Error('no report');
	return view;
}
const referrals = (view: GovernorReportView) => view.metrics.find((m) => m.key === 'referrals')?.current.display;

describe('a kept report is served only while nothing it reads has changed (issue 8)', () => {
	it('serves the same report again while nothing has changed', async () => {
		const first = await governorView();
		expect(await governorView()).toBe(first);
	});

	it('recomputes after a change to the school’s statistics, and shows it', async () => {
		const before = await governorView();
		for (let n = 0; n < 5; n++) await insertStatistic(service().id, school().id, { submittedOn: '2024-11-01', cameToLight: 'search', sex: 'F' });
		const after = await governorView();
		expect(after).not.toBe(before);
		expect(referrals(after)).not.toEqual(referrals(before));
	});

	it('keeps a service’s report when only another service changes', async () => {
		const first = await governorView();
		await insertStatistic(other().id, other().schools[0].id, { submittedOn: '2024-11-01', cameToLight: 'search' });
		expect(await governorView()).toBe(first);
	});

	it('recomputes on a new day, since periods mature and "this term" moves on', async () => {
		const first = await governorView();
		expect(await governorView(new Date('2026-01-16T12:00:00Z'))).not.toBe(first);
	});

	it('recomputes the commissioner’s report after a change to a setting it reads', async () => {
		const commissioner = service().actors.commissioner;
		const filter = readFilter(new URLSearchParams({ kind: 'academic-year', period: 'ay-2024' }));
		const first = await serviceReport(commissioner, filter, NOW);
		expect(await serviceReport(commissioner, filter, NOW)).toBe(first);
		await db()
			.insert(t.setting)
			.values({ serviceId: service().id, key: 'suppressionThreshold', value: '7', updatedAt: NOW })
			.onConflictDoUpdate({ target: [t.setting.serviceId, t.setting.key], set: { value: '7' } });
		const second = await serviceReport(commissioner, filter, NOW);
		expect(second).not.toBe(first);
		expect(second?.rule).toContain('7');
	});

	it('still audits every view of a kept report', async () => {
		const commissioner = service().actors.commissioner;
		const filter = readFilter(new URLSearchParams({ kind: 'academic-year', period: 'ay-2024' }));
		const count = async () => (await db().select({ id: t.auditEvent.id }).from(t.auditEvent).where(eq(t.auditEvent.action, 'report.service.viewed'))).length;
		const before = await count();
		await serviceReport(commissioner, filter, NOW);
		await serviceReport(commissioner, filter, NOW);
		expect(await count()).toBe(before + 2);
	});
});

describe('the report version moves with every write to what a report reads, for that service only', () => {
	/** Runs a write and says which services' versions moved. */
	async function moved(write: () => Promise<unknown>): Promise<string[]> {
		const ids = [service().id, other().id];
		const before = await Promise.all(ids.map((id) => reportVersionOf(db(), id)));
		await write();
		const after = await Promise.all(ids.map((id) => reportVersionOf(db(), id)));
		return ids.filter((_, i) => after[i] !== before[i]).map((id) => (id === service().id ? 'this' : 'other'));
	}
	const sid = () => service().id;

	it('statistics rows: inserted, updated, deleted', async () => {
		const id = newId();
		expect(await moved(() => db().insert(t.referralStatistic).values({ id, serviceId: sid(), schoolId: school().id, state: 'closed', updatedAt: NOW }))).toEqual(['this']);
		expect(await moved(() => db().update(t.referralStatistic).set({ outcome: 'completed' }).where(eq(t.referralStatistic.id, id)))).toEqual(['this']);
		expect(await moved(() => db().delete(t.referralStatistic).where(eq(t.referralStatistic.id, id)))).toEqual(['this']);
	});

	it('escalation statistics rows', async () => {
		const id = newId();
		const row = { id, statisticId: newId(), serviceId: sid(), schoolId: school().id, submittedOn: '2024-10-01', agency: 'mash', required: true, status: 'awaiting' };
		expect(await moved(() => db().insert(t.escalationStatistic).values(row))).toEqual(['this']);
		expect(await moved(() => db().update(t.escalationStatistic).set({ status: 'decided' }).where(eq(t.escalationStatistic.id, id)))).toEqual(['this']);
		expect(await moved(() => db().delete(t.escalationStatistic).where(eq(t.escalationStatistic.id, id)))).toEqual(['this']);
	});

	it('settings, term dates and bank holidays', async () => {
		expect(await moved(() => db().insert(t.setting).values({ serviceId: sid(), key: 'minimumDenominator', value: '10', updatedAt: NOW }))).toEqual(['this']);
		expect(await moved(() => db().insert(t.termDate).values({ id: newId(), serviceId: sid(), academicYear: 2030, term: 'autumn', startsOn: '2030-09-02', endsOn: '2030-12-20', createdAt: NOW }))).toEqual(['this']);
		expect(await moved(() => db().insert(t.bankHoliday).values({ serviceId: sid(), date: '2030-12-25', name: 'Christmas Day' }))).toEqual(['this']);
	});

	it('schools, numbers on roll and the service itself', async () => {
		expect(await moved(() => db().update(t.school).set({ name: 'Renamed School' }).where(eq(t.school.id, school().id)))).toEqual(['this']);
		expect(await moved(() => insertRoll(sid(), school().id, 2030, { sex: { M: 1 } }))).toEqual(['this']);
		expect(await moved(() => db().update(t.service).set({ name: sql`${t.service.name}` }).where(eq(t.service.id, sid())))).toEqual(['this']);
	});

	it('a school moved from one service to another moves both', async () => {
		const moving = other().schools[1].id;
		const back = other().id;
		expect(await moved(() => db().update(t.school).set({ serviceId: sid() }).where(eq(t.school.id, moving)))).toEqual(['this', 'other']);
		await db().update(t.school).set({ serviceId: back }).where(eq(t.school.id, moving));
	});
});
