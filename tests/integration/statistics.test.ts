import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, lte } from 'drizzle-orm';
import { db, t } from '$lib/server/db';
import { requestRefreshForPassedTimers } from '$lib/server/statistics/job';
import { refreshPendingStatistics, refreshStatistic, requestStatisticRefresh } from '$lib/server/statistics/refresh';
import { createEscalation } from '$lib/server/escalations/escalations';
import { made } from './escalation-fixtures';
import { useTestDatabase } from '../helpers/database';
import { acceptedCase, caseRow, submittedCase } from '../helpers/case';
import { validAnswers } from '../helpers/referral';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

const dsl = () => world.services[0].schools[0].actors.dsl;
const yw = () => world.services[0].actors.youth_worker;

const NOW = new Date('2026-11-17T12:00:00Z');
const refreshStatisticNow = (id: string) => db().transaction((tx) => refreshStatistic(tx, id, NOW));

async function statisticOf(referralId: string) {
	const { statisticId } = await caseRow(referralId);
	if (!statisticId) return null;
	const [row] = await db().select().from(t.referralStatistic).where(eq(t.referralStatistic.id, statisticId));
	return row ?? null;
}

describe('the anonymised statistics row of a referral (DOMAIN.md §5)', () => {
	it('is written after submission, with the characteristics in report groups and nothing that names the pupil', async () => {
		const answers = validAnswers();
		const id = await submittedCase(dsl(), { pupil: { ...answers.pupil, ethnicity: 'MWBC', sen: 'K', fsm: 'yes' } });
		expect(await statisticOf(id)).toBeNull();
		expect(await refreshPendingStatistics(db())).toBeGreaterThanOrEqual(1);
		const row = await statisticOf(id);
		expect(row).toMatchObject({ state: 'submitted', schoolId: dsl().schoolId, ethnicityGroup: 'Mixed', sen: 'K', fsm: true, triagedOn: null, evaluationConsent: false });
		expect(row?.submittedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		const text = JSON.stringify(row);
		for (const value of [answers.pupil.legalForename, answers.pupil.legalSurname, answers.pupil.postcode, id]) expect(text).not.toContain(String(value));
		const columns = (await db().run('PRAGMA table_info(referral_statistic)' as never)) as unknown as { rows: { name: string }[] };
		expect(columns.rows.map((c) => c.name)).not.toContain('referral_id');
	});

	it('follows the case as it moves on: the triage decision and its timing', async () => {
		const id = await acceptedCase(dsl(), yw());
		await refreshPendingStatistics(db());
		const row = await statisticOf(id);
		expect(row).toMatchObject({ state: 'accepted', triageDecision: 'accept', levelOfNeed: 1, rag: 'green', triageBreached: false });
		expect(row?.triageMinutes).toBeGreaterThanOrEqual(0);
		expect(await db().select().from(t.statisticRefresh).where(eq(t.statisticRefresh.referralId, id))).toEqual([]);
	});

	it('keeps each sent escalation as an anonymised row with its agency and how far it got, and rewrites them as the case moves on', async () => {
		const id = await acceptedCase(dsl(), yw());
		const result = await createEscalation(yw(), id, made('police', 'phone', '2026-11-17 09:15', { note: 'Called 101' }), NOW);
		if (!result.ok) throw new Error('the escalation was refused');
		await refreshPendingStatistics(db(), NOW);
		const { statisticId } = await caseRow(id);
		const rows = await db().select().from(t.escalationStatistic).where(eq(t.escalationStatistic.statisticId, statisticId ?? ''));
		expect(rows.map((r) => ({ agency: r.agency, status: r.status, schoolId: r.schoolId }))).toEqual([{ agency: 'police', status: 'awaiting', schoolId: dsl().schoolId }]);
		// Nothing that leads back to the case: a fresh id, no note.
		expect(JSON.stringify(rows)).not.toContain(id);
		expect(JSON.stringify(rows)).not.toContain('Called 101');
		await refreshStatisticNow(id);
		expect(await db().select().from(t.escalationStatistic).where(eq(t.escalationStatistic.statisticId, statisticId ?? ''))).toHaveLength(1);
	});

	it('counts a triage timer that passed with nothing happening on the case as breached', async () => {
		const id = await submittedCase(dsl());
		await refreshPendingStatistics(db());
		expect((await statisticOf(id))?.triageBreached).toBe(false);
		const later = new Date(Date.now() + 5 * 24 * 3_600_000);
		expect(await requestRefreshForPassedTimers(db(), later)).toBeGreaterThanOrEqual(1);
		await refreshPendingStatistics(db(), later);
		expect((await statisticOf(id))?.triageBreached).toBe(true);
		// Once counted, the passed timer asks for nothing more.
		const again = await db().select().from(t.statisticRefresh);
		expect(again).toEqual([]);
		await requestRefreshForPassedTimers(db(), later);
		expect((await db().select().from(t.statisticRefresh)).map((r) => r.referralId)).not.toContain(id);
	});

	it('keeps a refresh asked for while the row was being recomputed', async () => {
		const id = await submittedCase(dsl());
		const asked = new Date(Date.now() + 1000);
		await requestStatisticRefresh(db(), id, asked);
		const pending = await db().select().from(t.statisticRefresh).where(eq(t.statisticRefresh.referralId, id));
		expect(pending.map((p) => p.requestedAt.getTime())).toEqual([asked.getTime()]);
		// A request newer than the one taken survives the refresh's clean-up.
		const newer = new Date(asked.getTime() + 1000);
		await db().transaction(async (tx) => {
			await requestStatisticRefresh(tx, id, newer);
			await tx.delete(t.statisticRefresh).where(and(eq(t.statisticRefresh.referralId, id), lte(t.statisticRefresh.requestedAt, asked)));
		});
		expect((await db().select().from(t.statisticRefresh).where(eq(t.statisticRefresh.referralId, id))).map((p) => p.requestedAt.getTime())).toEqual([newer.getTime()]);
		await refreshPendingStatistics(db());
		expect(await db().select().from(t.statisticRefresh).where(eq(t.statisticRefresh.referralId, id))).toEqual([]);
	});
});
