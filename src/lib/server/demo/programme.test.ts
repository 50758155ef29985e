import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import { fakerEN_GB as faker } from '@faker-js/faker';
import { db, t } from '../db';
import { seedDemoReferrals } from './referrals';
import { seedDemo, type DemoWorld } from './seed';
import { useTestDatabase } from '../../../../tests/helpers/database';

/** A fixed "today" (25 November 2026), so the demo's relative dates give the same cases every run. */
const NOW = new Date('2026-11-25T12:00:00Z');

let close: () => Promise<void>;
let world: DemoWorld;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedDemo(db(), NOW);
	await seedDemoReferrals(world, NOW);
}, 120_000);
afterAll(() => close());

async function statesAt(school: string) {
	const rows = await db()
		.select({ state: t.referral.state, n: count() })
		.from(t.referral)
		.where(eq(t.referral.schoolId, world.schools[school] ?? ''))
		.groupBy(t.referral.state);
	return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

describe('the demo programme', () => {
	it('adds no referral waiting for triage at the schools the triage journeys use', async () => {
		expect((await statesAt('oakfield')).submitted).toBe(2);
		expect((await statesAt('riverside')).submitted).toBe(1);
		expect((await statesAt('castlegate')).submitted).toBe(1);
		const inTriage = await db().select({ n: count() }).from(t.referral).where(eq(t.referral.state, 'in_triage'));
		expect(inTriage[0]?.n).toBe(0);
	});

	it('holds current cases in every step after triage at Oakfield, Riverside and Castlegate', async () => {
		// Each school also has one old case closed years ago, due for retention review (demo/retention.ts).
		expect(await statesAt('oakfield')).toEqual({ draft: 1, submitted: 2, withdrawn: 1, accepted: 2, in_assessment: 1, in_programme: 2, completed: 1, closed: 2 });
		expect(await statesAt('riverside')).toEqual({ submitted: 1, on_hold: 1, accepted: 1, in_programme: 1, completed: 1, did_not_engage: 1, follow_up_due: 1, closed: 1 });
		expect(await statesAt('castlegate')).toEqual({ submitted: 1, not_suitable: 1, in_programme: 1, partially_completed: 1, follow_up_due: 1, closed: 2 });
		const [draft] = await db().select().from(t.assessment).where(eq(t.assessment.schoolId, world.schools.oakfield ?? ''));
		expect(draft?.completedAt).toBeNull();
	});

	it('flags a case for review after two unexcused absences', async () => {
		const open = await db().select().from(t.caseReview).where(eq(t.caseReview.schoolId, world.schools.castlegate ?? ''));
		expect(open.filter((r) => !r.decidedAt)).toHaveLength(1);
		const flagged = await db().select().from(t.referral).where(and(eq(t.referral.schoolId, world.schools.castlegate ?? ''), eq(t.referral.state, 'in_programme')));
		expect(flagged[0]?.reviewFlag).toBe(true);
	});

	it('has an upcoming group session holding pupils of Oakfield and Riverside', async () => {
		const upcoming = await db()
			.select({ sessionId: t.supportSession.id, schoolId: t.supportSessionAttendee.schoolId, startsAt: t.supportSession.startsAt, attendance: t.supportSessionAttendee.attendance })
			.from(t.supportSession)
			.innerJoin(t.supportSessionAttendee, eq(t.supportSessionAttendee.sessionId, t.supportSession.id))
			.where(eq(t.supportSession.kind, 'group'));
		const future = upcoming.filter((s) => s.startsAt > NOW && s.startsAt.getTime() < NOW.getTime() + 7 * 86_400_000 && s.schoolId !== world.schools.ashdale);
		expect(new Set(future.map((s) => s.sessionId)).size).toBe(1);
		expect(new Set(future.map((s) => s.schoolId))).toEqual(new Set([world.schools.oakfield, world.schools.riverside]));
		expect(future.every((s) => s.attendance === null)).toBe(true);
	});

	it('issues certificates to completed cases, with one revoked and issued again', async () => {
		const certificates = await db().select().from(t.certificate);
		expect(certificates.length).toBeGreaterThanOrEqual(40);
		const revoked = certificates.filter((c) => c.revokedAt);
		expect(revoked).toHaveLength(1);
		expect(certificates.filter((c) => c.referralId === revoked[0]?.referralId && !c.revokedAt)).toHaveLength(1);
		const outcomes = await db().select().from(t.caseOutcome).where(eq(t.caseOutcome.outcome, 'completed'));
		expect(new Set(certificates.map((c) => c.referralId))).toEqual(new Set(outcomes.map((o) => o.referralId)));
	});

	it('has follow-ups due, chased, recorded and not returned, with cases closed by the last two', async () => {
		const rows = await db().select().from(t.followUp);
		const open = rows.filter((f) => f.promptedAt && !f.recordedAt && !f.notReturnedAt);
		expect(open.some((f) => !f.chasedAt)).toBe(true);
		expect(open.some((f) => f.chasedAt)).toBe(true);
		expect(rows.filter((f) => f.recordedAt).length).toBeGreaterThanOrEqual(20);
		expect(rows.filter((f) => f.notReturnedAt).length).toBeGreaterThanOrEqual(3);
		const closed = await db().select({ id: t.referral.id, fallback: t.referral.fallbackDecision }).from(t.referral).where(eq(t.referral.state, 'closed'));
		const settled = new Set(rows.filter((f) => f.recordedAt || f.notReturnedAt).map((f) => f.referralId));
		const withFollowUp = new Set(rows.map((f) => f.referralId));
		// Closed: every case whose follow-ups are settled, and cases that never went ahead once the school decided.
		for (const id of settled) expect(closed.map((c) => c.id)).toContain(id);
		for (const c of closed.filter((c) => !settled.has(c.id))) {
			expect(withFollowUp.has(c.id)).toBe(false);
			expect(c.fallback).not.toBeNull();
		}
	});

	it('records what the school decided whenever diversion did not go ahead', async () => {
		const rows = await db().select().from(t.referral).where(isNotNull(t.referral.fallbackDecision));
		expect(rows.length).toBeGreaterThanOrEqual(15);
		expect(new Set(rows.map((r) => r.fallbackDecision))).toEqual(new Set(['no_further_sanction', 'suspension']));
	});

	it('gives Ashdale at least 40 referrals submitted in 2025/26, and some this year, with varied characteristics', async () => {
		const stats = await db().select().from(t.referralStatistic).where(eq(t.referralStatistic.schoolId, world.schools.ashdale ?? ''));
		const lastYear = stats.filter((s) => (s.submittedOn ?? '') >= '2025-09-01' && (s.submittedOn ?? '') <= '2026-08-31');
		expect(lastYear.length).toBeGreaterThanOrEqual(40);
		expect(lastYear.length).toBeLessThanOrEqual(60);
		expect(stats.filter((s) => (s.submittedOn ?? '') >= '2026-09-01').length).toBeGreaterThanOrEqual(8);
		expect(new Set(lastYear.map((s) => s.ethnicityGroup)).size).toBeGreaterThanOrEqual(4);
		expect(new Set(lastYear.map((s) => s.schoolDecision))).toEqual(new Set(['instead_of_suspension', 'instead_of_permanent_exclusion', 'alongside_suspension']));
		const outcomes = lastYear.map((s) => s.outcome ?? (s.triageDecision === 'not-suitable' ? 'not_suitable' : s.state));
		const share = (o: string) => outcomes.filter((x) => x === o).length / outcomes.length;
		expect(share('completed')).toBeGreaterThan(0.6);
		for (const o of ['partially_completed', 'did_not_engage', 'withdrawn', 'not_suitable']) expect(outcomes).toContain(o);
		// A small group on purpose: the report shows it as "<5".
		const black = lastYear.filter((s) => s.ethnicityGroup === 'Black').length;
		expect(black).toBeGreaterThan(0);
		expect(black).toBeLessThan(5);
	});

	it('fills the retention page: closed cases due for review, one on legal hold, one kept for child protection', async () => {
		const today = '2026-11-25';
		const due = await db().select().from(t.referral).where(and(eq(t.referral.serviceId, world.services.north), isNotNull(t.referral.retentionReviewOn)));
		const overdue = due.filter((r) => (r.retentionReviewOn ?? '') <= today);
		expect(overdue.length).toBeGreaterThanOrEqual(3);
		expect(overdue.every((r) => r.state === 'closed' && r.closedAt !== null)).toBe(true);
		expect(overdue.filter((r) => r.legalHold).map((r) => r.legalHoldReason)).toEqual([expect.stringContaining('(demo)')]);
		expect(overdue.some((r) => r.retentionBasis === 'child_protection')).toBe(true);
		// The rest of the demo's closed cases closed in the last year or two: none of them is due.
		expect(due.filter((r) => (r.retentionReviewOn ?? '') > today).length).toBeGreaterThan(0);
	});

	it('has the statistics row of every demo referral ready for the reports', async () => {
		const rows = await db().select({ statisticId: t.referral.statisticId, state: t.referral.state }).from(t.referral);
		expect(rows.filter((r) => r.state !== 'draft').every((r) => r.statisticId)).toBe(true);
		expect(await db().select().from(t.statisticRefresh)).toEqual([]);
	});

	it('names only made-up pupils (faker, en_GB) and uses only the ZZ postcode area', async () => {
		const first = new Set(Object.values(faker.definitions.person.first_name).flat());
		const last = new Set(faker.definitions.person.last_name.generic);
		const sections = await db().select({ data: t.referralSection.data }).from(t.referralSection).where(eq(t.referralSection.section, 'pupil'));
		expect(sections.length).toBeGreaterThan(80);
		for (const s of sections) {
			const pupil = JSON.parse(s.data) as Record<string, string>;
			expect(first.has(pupil.legalForename ?? '')).toBe(true);
			// faker joins two surnames with a hyphen now and then.
			for (const part of (pupil.legalSurname ?? '').split('-')) expect(last.has(part)).toBe(true);
			expect(pupil.postcode).toMatch(/^ZZ\d \dAB$/);
		}
	});
});
