import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { db, t } from '../db';
import { seedDemoReferrals } from './referrals';
import { seedDemo } from './seed';
import { useTestDatabase } from '../../../../tests/helpers/database';

let close: () => Promise<void>;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	// A fixed day, so the demo's dates (counted back from "today") give the same cases every run.
	const now = new Date('2026-11-25T12:00:00Z');
	const world = await seedDemo(db(), now);
	await seedDemoReferrals(world, now);
}, 120_000);
afterAll(() => close());

describe('demo referrals', () => {
	it('holds referrals in every state of the path', async () => {
		const rows = await db().select({ state: t.referral.state, n: count() }).from(t.referral).groupBy(t.referral.state);
		expect(Object.fromEntries(rows.map((r) => [r.state, r.n]))).toEqual({
			draft: 1,
			submitted: 5,
			// Cases that did not go ahead close once the school records what it decided.
			withdrawn: 1,
			accepted: 3,
			on_hold: 1,
			not_suitable: 1,
			in_assessment: 1,
			in_programme: 7,
			completed: 15,
			partially_completed: 3,
			did_not_engage: 3,
			follow_up_due: 3,
			// 46 along the path, and 3 old ones due for retention review (demo/retention.ts).
			closed: 49
		});
	});

	it('holds escalations in every state, overdue timers and decisions awaiting countersignature', async () => {
		const escalations = await db().select({ state: t.escalation.state, n: count() }).from(t.escalation).groupBy(t.escalation.state);
		expect(Object.fromEntries(escalations.map((r) => [r.state, r.n]))).toEqual({ planned: 1, sent: 3, acknowledged: 2, decided: 1, closed: 1, withdrawn: 1 });
		const now = Date.now();
		const open = await db().select().from(t.caseTimer);
		const overdue = open.filter((tm) => !tm.metAt && !tm.stoppedAt && tm.dueAt.getTime() < now).map((tm) => tm.kind).sort();
		expect(overdue).toEqual(expect.arrayContaining(['mash-decision', 'mash-written-referral']));
		const countersigns = await db().select().from(t.countersign);
		expect(countersigns.filter((c) => !c.countersignedAt).map((c) => c.kind).sort()).toEqual(['declined-escalation', 'not-suitable']);
		expect(countersigns.some((c) => !c.countersignedAt && c.dueAt.getTime() < now)).toBe(true);
	});

	it('has the statistics row of every submitted referral ready for the reports', async () => {
		const submitted = await db().select({ statisticId: t.referral.statisticId, state: t.referral.state }).from(t.referral);
		const expected = submitted.filter((r) => r.state !== 'draft');
		expect(expected.every((r) => r.statisticId)).toBe(true);
		expect(await db().select().from(t.statisticRefresh)).toEqual([]);
	});

	it('includes a second referral of the same young person, proposed as a match', async () => {
		const proposals = await db().select().from(t.matchProposal);
		expect(proposals.map((p) => p.status)).toEqual(['proposed']);
	});

	it('puts one referral in the second service, to show isolation', async () => {
		const [south] = await db().select({ id: t.service.id }).from(t.service).where(eq(t.service.name, 'South Vale Diversion (demo)'));
		const rows = await db().select().from(t.referral).where(eq(t.referral.serviceId, south?.id ?? ''));
		expect(rows).toHaveLength(1);
	});

	it('uses only made-up places: the ZZ postcode area and the 01632 drama numbers', async () => {
		const sections = await db().select({ data: t.referralSection.data }).from(t.referralSection).where(eq(t.referralSection.section, 'pupil'));
		for (const s of sections) expect(JSON.parse(s.data).postcode).toMatch(/^ZZ\d \dAB$/);
		const family = await db().select({ data: t.referralSection.data }).from(t.referralSection).where(eq(t.referralSection.section, 'family'));
		for (const s of family) expect(JSON.parse(s.data).contact1Phone).toMatch(/^01632 960\d{3}$/);
	});
});
