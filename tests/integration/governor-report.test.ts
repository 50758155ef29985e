import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, t } from '$lib/server/db';
import { governorCsv } from '$lib/server/reports/governor/csv';
import { renderGovernorPdf } from '$lib/server/reports/governor/pdf';
import { buildGovernorReport, governorReport, reportSchools, type GovernorReportView } from '$lib/server/reports/governor/report';
import { newId } from '$lib/server/util/ids';
import { useTestDatabase } from '../helpers/database';
import { pdfText } from '../helpers/pdf';
import { seedWorld, type World } from '../helpers/world';
import { insertRoll, insertStatistic, seedGovernorDataset } from './governor-report-fixtures';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	const s = world.services[0];
	await seedGovernorDataset(s.id, s.schools[0].id);
	await insertRoll(s.id, s.schools[0].id, 2024, { sex: { M: 400, F: 400 }, ethnicity: { white: 600 } });
	// Another school's referral never reaches this school's report.
	await insertStatistic(s.id, s.schools[1].id, { submittedOn: '2024-10-01', schoolDecision: 'instead_of_suspension', sex: 'M' });
	for (const [term, startsOn, endsOn] of [
		['autumn', '2024-09-02', '2024-12-20'],
		['spring', '2025-01-06', '2025-04-04'],
		['summer', '2025-04-22', '2025-07-22']
	] as const) {
		await db().insert(t.termDate).values({ id: newId(), serviceId: s.id, academicYear: 2024, term, startsOn, endsOn, createdAt: new Date() });
	}
});
afterAll(() => close());

const JAN_2026 = new Date('2026-01-15T12:00:00Z');
const school = () => world.services[0].schools[0];
const governor = () => school().actors.governor;

async function report(period = 'ay-2024', now = JAN_2026, actor = governor()): Promise<GovernorReportView> {
	const view = await buildGovernorReport(actor, school().id, period, now);
	if (!view) throw new Error('no report');
	return view;
}
const metric = (view: GovernorReportView, key: string) => {
	const found = view.metrics.find((m) => m.key === key);
	if (!found) throw new Error(`no metric ${key}`);
	return { now: found.current.display, rate: found.currentRate?.display ?? null, before: found.previous?.display ?? null, change: found.change?.display ?? null, found };
};
const group = (view: GovernorReportView, breakdown: string, label: string) => {
	const g = view.breakdowns.find((b) => b.key === breakdown)?.groups.find((x) => x.label === label);
	if (!g) throw new Error(`no group ${breakdown}/${label}`);
	return g;
};

describe('the governors’ report: figures on a dataset with known answers (DOMAIN.md §5)', () => {
	it('counts the chosen academic year with the previous one beside it, and the change', async () => {
		const view = await report();
		expect(view.period).toMatchObject({ label: 'Academic year 2024/25', from: '2024-09-01', to: '2025-08-31' });
		expect(view.previous?.label).toBe('Academic year 2023/24');
		expect(metric(view, 'referrals')).toMatchObject({ now: '12', before: '6', change: '+6' });
		expect(metric(view, 'insteadOfSuspension')).toMatchObject({ now: '7', before: '6', change: '+1' });
		expect(metric(view, 'consents')).toMatchObject({ now: '10', rate: '83%' });
		expect(metric(view, 'assessments')).toMatchObject({ now: '9', rate: '75%' });
		// Completions by outcome date: 8 completed of 13 outcomes, 3 of them referred the year before.
		expect(metric(view, 'completions')).toMatchObject({ now: '8', rate: '62%', before: '0' });
		expect(metric(view, 'medianDaysIncidentToFirstSession').now).toBe('9.5 days');
		expect(metric(view, 'medianDaysIncidentToFirstSession').before).toBe('none yet');
	});

	it('shows counts of 1 to 4 as "<5", hides what would give them away, and hides any change worked from them', async () => {
		const view = await report();
		expect(metric(view, 'insteadOfPermanentExclusion')).toMatchObject({ now: '<5', before: '0', change: 'hidden' });
		expect(metric(view, 'alongsideSuspension').now).toBe('<5');
		// Two excluded-instead cases of three were not excluded after all: still a small number.
		expect(metric(view, 'permanentExclusionsAvoided').now).toBe('<5');
		// Days come from "<5" cases, so they are hidden; last year's 6 cases of 2 days are printed.
		expect(metric(view, 'suspensionDaysAvoided')).toMatchObject({ now: 'hidden', before: '12', change: 'hidden' });
		// Year 10 has 2 of 12: Year 9 (10) would give it away, so it is hidden too.
		expect(group(view, 'yearGroup', 'Year 10').referrals.display).toBe('<5');
		expect(group(view, 'yearGroup', 'Year 9').referrals.display).toBe('hidden');
		expect(group(view, 'yearGroup', 'Year 9').shareOfReferrals.display).toBe('hidden');
		expect(view.escalations.find((e) => e.label.startsWith('MASH'))?.current.display).toBe('<5');
	});

	it('sets each group’s share of referrals beside its share of the roll, and its completion rate beside the overall rate', async () => {
		const view = await report();
		expect(group(view, 'sex', 'Male')).toMatchObject({ referrals: { display: '7' }, shareOfReferrals: { display: '58%' }, shareOfRoll: { display: '50%' } });
		expect(group(view, 'sex', 'Female')).toMatchObject({ referrals: { display: '5' }, shareOfReferrals: { display: '42%' }, shareOfRoll: { display: '50%' } });
		expect(group(view, 'ethnicity', 'White')).toMatchObject({ referrals: { display: '8' }, shareOfReferrals: { display: '67%' }, shareOfRoll: { display: 'roll not entered' } });
		expect(view.breakdowns.find((b) => b.key === 'ethnicity')?.rollNote).toContain('not all entered');
		expect(view.breakdowns.find((b) => b.key === 'sex')?.rollNote).toBeNull();
		expect(view.breakdowns.every((b) => b.overallCompletionRate.display === '62%')).toBe(true);
		// 2 of 3 women completed: fewer than 10, so no rate; the men's 6 of 10 would give the women's away.
		expect(group(view, 'sex', 'Female')).toMatchObject({ completed: { display: '<5' }, outcomes: { display: '<5' }, completionRate: { display: 'hidden' } });
		expect(group(view, 'sex', 'Male').outcomes.display).toBe('hidden');
		expect(group(view, 'fsm', 'Eligible').referrals.display).toBe('6');
	});

	it('keeps every breakdown adding up to the same total the headline prints', async () => {
		const view = await report();
		for (const b of view.breakdowns) {
			const printed = b.groups.map((g) => g.referrals.value);
			if (printed.every((v) => v !== null)) expect(printed.reduce((a, v) => (a ?? 0) + (v ?? 0), 0)).toBe(12);
		}
	});

	it('says when a period has not ended or its cases have not matured', async () => {
		const running = await report('ay-2025');
		expect(metric(running, 'referrals').found.maturity.current).toBe('This period (Academic year 2025/26) has not ended yet: these figures will grow.');
		expect(metric(running, 'referrals').found.maturity.previous).toBeNull();
		const justEnded = await report('ay-2024', new Date('2025-09-15T12:00:00Z'));
		expect(metric(justEnded, 'referrals').found.maturity.current).toBeNull();
		expect(metric(justEnded, 'assessments').found.maturity.current).toBe('Cases from this period (Academic year 2024/25) have not all reached 2 months yet: these figures will grow.');
		expect(metric(justEnded, 'medianDaysIncidentToFirstSession').found.maturity.current).toContain('3 months');
		expect((await report()).metrics.every((m) => m.maturity.current === null)).toBe(true);
	});

	it('gives every metric its written definition and plain line', async () => {
		for (const m of (await report()).metrics) {
			expect(m.definition).toMatch(/^Counted: .+; a case is in the period by the date .+\.$/);
			expect(m.explain.length).toBeGreaterThan(20);
		}
		expect(metric(await report(), 'completions').found.definition).toContain('out of: Cases with any outcome recorded; a case is in the period by the date the outcome was recorded');
	});

	it('reports a term from the term dates in settings, with the term before it', async () => {
		const view = await report('term-2024-spring');
		expect(view.period).toMatchObject({ label: 'Spring term 2024/25', from: '2025-01-06', to: '2025-04-04' });
		expect(view.previous?.label).toBe('Autumn term 2024/25');
		expect(metric(view, 'referrals')).toMatchObject({ now: '0', before: '12' });
		expect(view.choices.terms.map((c) => c.key)).toEqual(['term-2024-summer', 'term-2024-spring', 'term-2024-autumn']);
		// A period not on offer falls back to the current academic year.
		expect((await report('ay-1999')).period.key).toBe('ay-2025');
	});

	it('draws the trend, the funnel and a breakdown from the same printed figures, each with a table', async () => {
		const [trend, funnel, ethnicity] = (await report()).charts;
		expect(trend?.table.rows.at(-1)).toEqual({ label: 'Academic year 2024/25', cells: ['12', '8'] });
		expect(trend?.table.rows.map((r) => r.label)).toEqual(['Academic year 2021/22', 'Academic year 2022/23', 'Academic year 2023/24', 'Academic year 2024/25']);
		expect(funnel?.table.rows).toEqual([
			{ label: 'Referred', cells: ['12', ''] },
			{ label: 'Agreed to take part', cells: ['10', '83%'] },
			{ label: 'Assessed', cells: ['9', '75%'] },
			{ label: 'Completed so far', cells: ['8', '67%'] }
		]);
		expect(ethnicity?.table.rows.find((r) => r.label === 'Asian')?.cells).toEqual(['<5']);
		for (const chart of [trend, funnel, ethnicity]) expect(chart?.svg).toMatch(/^<svg [^>]*role="img"/);
	});

	it('states the rule it applied and that comparisons are not causal', async () => {
		const view = await report();
		expect(view.rule).toContain('Counts of 1 to 4 are shown as <5');
		expect(view.rule).toContain('Percentages are not shown when fewer than 10 people are counted');
		expect(view.notCausal).toContain('no control group');
	});
});

describe('the governors’ report exports', () => {
	it('writes CSV that opens cleanly in Excel: a byte order mark, counts as bare numbers, text neutralised', async () => {
		await db().update(t.school).set({ name: '=HYPERLINK("http://x")' }).where(eq(t.school.id, school().id));
		try {
			const csv = governorCsv(await report());
			expect(csv.startsWith('\uFEFF"Exclusion-avoidance report","\'=HYPERLINK(""http://x"")"\r\n')).toBe(true);
			expect(csv).toContain('\r\n"Referrals",12,"",6,"",6,"Counted: Referrals submitted;');
			expect(csv).toContain('"Completed the programme",8,62,0,"not shown: fewer than 10",8,');
			expect(csv).toContain('"Instead of permanent exclusion","<5","",0,"","hidden"');
			expect(csv).toContain('"Year 9","hidden","hidden"');
			expect(csv).toContain('"Counts of 1 to 4 are shown as <5');
			expect(csv).toContain('"Academic year 2024/25",12,8');
		} finally {
			await db().update(t.school).set({ name: school().name }).where(eq(t.school.id, school().id));
		}
	});

	it('renders a tagged PDF pack with the figures, definitions, plain lines, tables, rule and not-causal statement', async () => {
		const view = await report();
		const bytes = await renderGovernorPdf(view);
		const { text, info } = await pdfText(bytes);
		expect(info.Title).toBe(`Exclusion-avoidance report: ${school().name}`);
		const flat = text.replace(/\s+/g, ' ');
		for (const words of [
			'Academic year 2024/25, with Academic year 2023/24 beside it',
			'Counts of 1 to 4 are shown as <5',
			'There is no control group',
			'Suspension days avoided (estimate)',
			'How many pupils the school referred to diversion',
			'Counted: Referrals submitted',
			'Safeguarding escalations by agency',
			'Share of referrals',
			'58%',
			'9.5 days',
			'Referrals and completions by period'
		]) {
			expect(flat).toContain(words);
		}
		const dir = mkdtempSync(join(tmpdir(), 'governor-pdf-'));
		writeFileSync(join(dir, 'r.pdf'), bytes);
		expect(execFileSync('pdfinfo', [join(dir, 'r.pdf')]).toString()).toMatch(/Tagged:\s+yes/);
	});

	it('audits each view and export with the school and period, and no pupil', async () => {
		for (const use of ['viewed', 'pdf-downloaded', 'csv-downloaded'] as const) await governorReport(governor(), school().id, 'ay-2024', use, JAN_2026);
		const rows = await db().select().from(t.auditEvent).where(and(eq(t.auditEvent.recordId, school().id), eq(t.auditEvent.actorUserId, governor().userId)));
		expect(rows.map((r) => r.action).sort()).toEqual(['report.governor-csv-downloaded', 'report.governor-pdf-downloaded', 'report.governor-viewed']);
		for (const row of rows) expect(row).toMatchObject({ schoolId: school().id, recordType: 'school', detail: JSON.stringify({ period: 'ay-2024' }) });
	});
});

describe('who sees a school’s report', () => {
	it('shows a governor only their own school', async () => {
		const other = world.services[0].schools[1];
		expect(await buildGovernorReport(other.actors.governor, school().id, null, JAN_2026)).toBeNull();
		expect(await reportSchools(governor())).toEqual([{ id: school().id, name: school().name }]);
	});

	it('shows the service’s admins and commissioners any school of their service, and nobody another service’s', async () => {
		const s = world.services[0];
		expect((await buildGovernorReport(s.actors.commissioner, school().id, 'ay-2024', JAN_2026))?.school.id).toBe(school().id);
		expect((await buildGovernorReport(s.actors.provider_admin, school().id, 'ay-2024', JAN_2026))?.school.id).toBe(school().id);
		const elsewhere = world.services[1];
		expect(await buildGovernorReport(elsewhere.actors.provider_admin, school().id, null, JAN_2026)).toBeNull();
		expect(await buildGovernorReport(elsewhere.actors.commissioner, school().id, null, JAN_2026)).toBeNull();
		expect(await buildGovernorReport(elsewhere.schools[0].actors.governor, school().id, null, JAN_2026)).toBeNull();
		expect((await reportSchools(s.actors.commissioner)).map((x) => x.id).sort()).toEqual(s.schools.map((x) => x.id).sort());
	});
});
