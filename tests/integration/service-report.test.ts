import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db, t } from '$lib/server/db';
import { financialYear } from '$lib/server/reports/periods';
import { possibleValues, primaryOnlyView, readerView, recover } from '$lib/server/reports/recovery';
import { serviceReportCsv } from '$lib/server/reports/service/csv';
import { readFilter } from '$lib/server/reports/service/filter';
import { serviceFamily, serviceReport, type ServiceReport } from '$lib/server/reports/service/report';
import { newId } from '$lib/server/util/ids';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

/**
 * The commissioner and provider report (DOMAIN.md §5) on statistics rows built by hand, so every
 * figure has a known answer. Financial year 2025/26 holds four blocks of five identical referrals at
 * school 1.1 (blocks of five keep every figure at 0 or 5 and up, so none is suppressed); 2023/24 holds
 * a small school beside a bigger one for the recovery test.
 */
let close: () => Promise<void>;
let world: World;
const NOW = new Date('2026-11-20T12:00:00Z');

type Row = typeof t.referralStatistic.$inferInsert;
const base = (serviceId: string, schoolId: string): Row => ({
	id: newId(),
	serviceId,
	schoolId,
	state: 'closed',
	programmeConsent: true,
	evaluationConsent: true,
	ethnicityGroup: 'White',
	sen: 'N',
	fsm: false,
	lookedAfter: false,
	socialWorker: 'none',
	yearGroup: '9',
	updatedAt: NOW
});

/** Statistics rows, each with its escalations' rows (as statistics/refresh.ts writes them). */
async function insert(count: number, row: () => Row) {
	for (let i = 0; i < count; i++) {
		const r = { ...row(), id: newId() };
		await db().insert(t.referralStatistic).values(r);
		const agencies = (r.escalationAgencies ?? '').split(',').filter(Boolean);
		for (let e = 0; e < (r.escalations ?? 0); e++) {
			const status = e < (r.escalationsDecided ?? 0) ? 'decided' : 'awaiting';
			await db().insert(t.escalationStatistic).values({ id: newId(), statisticId: r.id, serviceId: r.serviceId, schoolId: r.schoolId, submittedOn: r.submittedOn ?? null, agency: agencies[e % agencies.length] ?? 'mash', status });
		}
	}
}

const commissioner = () => world.services[0].actors.commissioner;
const [serviceOf, school1, school2] = [() => world.services[0].id, () => world.services[0].schools[0].id, () => world.services[0].schools[1].id];

beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	const a = () => base(serviceOf(), school1());
	// Block 1: searched, completed, goals met, followed up with nothing further; instead of a 3-day suspension.
	await insert(5, () => ({ ...a(), submittedOn: '2025-08-01', cameToLight: 'search', sex: 'F', assessedOn: '2025-08-04', firstContactOn: '2025-08-05', sessionsAttended: 3, triageMinutes: 120, outcome: 'completed', outcomeOn: '2025-10-01', goalsSet: 2, goalsAchieved: 2, followUp6Status: 'recorded', followUp6DueOn: '2026-03-01', furtherIncident6: 'no', police6: 'no', suspension6: 'no', schoolDecision: 'instead_of_suspension', wouldBeDays: 3, onwardMade: 1, onwardTakenUp: 1, escalations: 1, escalationsDecided: 1, escalationAgencies: ',mash,' }));
	// Block 2: completed, half the goals, a further incident and police contact; instead of permanent exclusion; triage late.
	await insert(5, () => ({ ...a(), submittedOn: '2025-08-10', cameToLight: 'search', sex: 'M', assessedOn: '2025-08-15', firstContactOn: '2025-08-20', sessionsAttended: 3, triageMinutes: 600, triageBreached: true, outcome: 'completed', outcomeOn: '2025-10-10', goalsSet: 2, goalsAchieved: 1, goalsPartly: 1, followUp6Status: 'recorded', followUp6DueOn: '2026-03-10', furtherIncident6: 'yes', police6: 'yes', suspension6: 'yes', schoolDecision: 'instead_of_permanent_exclusion' }));
	// Block 3: no evaluation consent; disclosed; partially completed; follow-up not returned; a declined escalation countersigned late.
	await insert(5, () => ({ ...a(), submittedOn: '2025-11-03', cameToLight: 'disclosure', sex: 'F', evaluationConsent: false, assessedOn: '2025-11-05', firstContactOn: '2025-11-05', sessionsAttended: 1, triageMinutes: 60, declinedEscalations: 1, countersignBreached: true, outcome: 'partially_completed', outcomeOn: '2026-01-20', goalsSet: 1, followUp6Status: 'not_returned', followUp6DueOn: '2026-03-20', schoolDecision: 'alongside_suspension', wouldBeDays: 5, actualDays: 2 }));
	// Block 4: did not engage; the school suspended after all, so no days avoided.
	await insert(5, () => ({ ...a(), submittedOn: '2025-11-10', cameToLight: 'disclosure', sex: 'M', triageMinutes: 30, outcome: 'did_not_engage', outcomeOn: '2026-02-01', followUp6Status: 'recorded', followUp6DueOn: '2026-03-25', furtherIncident6: 'no', police6: 'no', suspension6: 'no', schoolDecision: 'instead_of_suspension', wouldBeDays: 2, fallbackDecision: 'suspension', fallbackDays: 2 }));
	// The year before, for the trend; and the other service, which must never show.
	await insert(5, () => ({ ...a(), submittedOn: '2025-01-15', cameToLight: 'search' }));
	await insert(7, () => ({ ...base(world.services[1].id, world.services[1].schools[0].id), submittedOn: '2025-08-02', cameToLight: 'observed', outcome: 'completed', outcomeOn: '2025-10-02' }));
	// 2023/24: school 1.1 with nine referrals, school 1.2 with two.
	const sexes = ['F', 'F', 'F', 'M', 'M', 'M', 'M', 'M', 'M'];
	for (const sex of sexes) await db().insert(t.referralStatistic).values({ ...a(), submittedOn: '2023-06-01', cameToLight: sex === 'F' ? 'search' : 'disclosure', sex, outcome: 'completed', outcomeOn: '2023-09-01' });
	for (const sex of ['F', 'M']) await db().insert(t.referralStatistic).values({ ...base(serviceOf(), school2()), submittedOn: '2023-07-01', cameToLight: 'search', sex, outcome: sex === 'F' ? 'completed' : 'did_not_engage', outcomeOn: '2023-09-01' });
});
afterAll(() => close());

const filter = (query: Record<string, string>) => readFilter(new URLSearchParams(query));

async function report(query: Record<string, string>): Promise<ServiceReport> {
	const view = await serviceReport(commissioner(), filter(query), NOW);
	if (!view) throw new Error('Expected a report');
	return view;
}

/** The printed cells of one table, row label → displays. */
function tableOf(view: ServiceReport, id: string): Record<string, string[]> {
	const table = view.sections.flatMap((s) => s.blocks.flatMap((b) => b.tables)).find((x) => x.id === id);
	if (!table) throw new Error(`No table ${id}`);
	return Object.fromEntries(table.rows.map((r) => [r.label, r.cells.map((c) => c.display)]));
}

const block = (view: ServiceReport, key: string) => view.sections.flatMap((s) => s.blocks).find((b) => b.key === key);

describe('the service report (DOMAIN.md §5)', () => {
	it('counts referrals by how the incident came to light, for its own service only', async () => {
		const view = await report({ period: 'fy-2025' });
		expect(view.period).toMatchObject({ key: 'fy-2025', from: '2025-04-01', to: '2026-03-31' });
		expect(tableOf(view, 'came-to-light')).toEqual({ Search: ['10'], Disclosure: ['10'], 'Observed by staff': ['0'], 'Another way': ['0'], 'Not recorded': ['0'], 'All referrals': ['20'] });
	});

	it('shows the current financial year when no period is asked for', async () => {
		expect((await report({})).period.key).toBe('fy-2026');
	});

	it('follows referrals to assessment and completion, as shares of everyone referred', async () => {
		expect(tableOf(await report({ period: 'fy-2025' }), 'conversion')).toEqual({
			Referred: ['20', '100%'],
			'Consented to take part': ['20', '100%'],
			Assessed: ['15', '75%'],
			'Attended a session': ['15', '75%'],
			Completed: ['10', '50%']
		});
	});

	it('gives the median time to triage and to first contact, with the number of referrals behind each', async () => {
		const view = await report({ period: 'fy-2025' });
		expect(tableOf(view, 'time-to-triage')['Submission to first triage decision']).toEqual(['1.5 hours', '20']);
		expect(tableOf(view, 'time-to-first-contact')['Submission to first contact with the young person']).toEqual(['4 days', '15']);
	});

	it('counts missed time limits and flags declined required escalations', async () => {
		const view = await report({ period: 'fy-2025' });
		expect(tableOf(view, 'sla-breaches')).toEqual({ 'Triage (referrals)': ['5'], 'Countersigning a decision not to escalate (referrals)': ['5'], 'Escalation deadlines (escalations)': ['0'] });
		expect(tableOf(view, 'declined-escalations')['Referrals with a required escalation declined']).toEqual(['5', '25%']);
		expect(tableOf(view, 'escalation-outcomes')).toEqual({ 'Agency decision recorded': ['5'], 'Awaiting a decision': ['0'], 'Withdrawn before a decision': ['0'], 'All escalations sent': ['5'] });
		expect(tableOf(view, 'escalation-outcomes-by-agency')['MASH (children’s social care front door)']).toEqual(['5', '0', '0', '5']);
		expect(tableOf(view, 'onward-referrals')).toEqual({ Made: ['5', 'not shown: fewer than 10'], 'Taken up': ['5', 'not shown: fewer than 10'] });
	});

	it('counts outcomes and goals by the outcome date, by outcome', async () => {
		const view = await report({ period: 'fy-2025' });
		expect(tableOf(view, 'outcomes')).toEqual({ Completed: ['10', '50%'], 'Partially completed': ['5', '25%'], 'Did not engage': ['5', '25%'], Withdrawn: ['0', '0%'], 'All outcomes': ['20', '100%'] });
		expect(tableOf(view, 'goals')).toMatchObject({ Completed: ['20', '15', '5', '75%'], 'Partially completed': ['5', '0', '0', 'not shown: fewer than 10'], 'All outcomes': ['25', '15', '5', '60%'] });
	});

	it('gives "no further known incident at 6 months" for completers, partial completers and non-engagers, with the denominator stated', async () => {
		const view = await report({ period: 'fy-2025' });
		expect(tableOf(view, 'fu6-returns')).toEqual({
			Completed: ['10', '10', '0', '0'],
			'Partially completed': ['5', '0', '5', '0'],
			'Did not engage': ['5', '5', '0', '0'],
			'Those who engaged (completed or partially completed)': ['15', '10', '5', '0'],
			'Everyone followed up (completed, partially completed or did not engage)': ['20', '15', '5', '0']
		});
		const noFurther = tableOf(view, 'fu6-noFurther');
		expect(noFurther.Completed).toEqual(['5', '10', '50%']);
		expect(noFurther['Partially completed']).toEqual(['0', '5', 'not shown: fewer than 10']);
		expect(noFurther['Those who engaged (completed or partially completed)']).toEqual(['5', '15', '33%']);
		expect(noFurther['Everyone followed up (completed, partially completed or did not engage)']).toEqual(['10', '20', '50%']);
		const police = view.sections.flatMap((s) => s.blocks.flatMap((b) => b.tables)).find((x) => x.id === 'fu6-police');
		expect(police?.caption).toBe('Police contact within 6 months, known to the school or provider');
		expect(tableOf(view, 'fu6-police').Completed).toEqual(['5', '10', '50%']);
		expect(block(view, 'noFurtherIncident6')?.definition).toContain('out of: Follow-ups at 6 months due');
	});

	it('estimates costs avoided from the unit costs in settings, labelled as an estimate with each source', async () => {
		const view = await report({ period: 'fy-2025' });
		expect(tableOf(view, 'costs-avoided')).toEqual({
			'Suspension days avoided (estimate)': ['30'],
			'Cost of suspension days avoided (estimate)': ['£3,000'],
			'Permanent exclusions avoided': ['5'],
			'Cost of permanent exclusions avoided (estimate)': ['£500,000'],
			'Total costs avoided (estimate)': ['£503,000']
		});
		expect(block(view, 'costsAvoided')?.estimate).toBe(true);
		expect(view.unitCosts.suspensionDay.source).toMatch(/^Illustrative figure: replace with your local authority/);
	});

	it('leaves cases without consent for evaluation out of the equality breakdowns, but not out of the totals', async () => {
		const view = await report({ period: 'fy-2025' });
		expect(tableOf(view, 'equality-sex')).toMatchObject({ Female: ['5', '33%', '5', '5', 'not shown: fewer than 10'], Male: ['10', '67%', '10', '5', '50%'], 'All with consent for evaluation': ['15', '100%', '15', '10', '67%'] });
		expect(tableOf(view, 'came-to-light')['All referrals']).toEqual(['20']);
	});

	it('filters by financial quarter, keying referrals by submission and outcomes by outcome date', async () => {
		const q2 = await report({ kind: 'quarter', period: 'fq-2025-2' });
		expect(q2.period).toMatchObject({ from: '2025-07-01', to: '2025-09-30' });
		expect(tableOf(q2, 'came-to-light')['All referrals']).toEqual(['10']);
		expect(tableOf(q2, 'outcomes')['All outcomes']).toEqual(['0', 'not shown: fewer than 10']);
		const q3 = await report({ kind: 'quarter', period: 'fq-2025-3' });
		expect(tableOf(q3, 'came-to-light')['All referrals']).toEqual(['10']);
		expect(tableOf(q3, 'outcomes').Completed).toEqual(['10', '100%']);
	});

	it('moves to the period of the chosen kind when the period chosen is of another kind (a form sent without JavaScript)', async () => {
		expect((await report({ kind: 'quarter', period: 'fy-2025' })).period.key).toBe('fq-2025-1');
	});

	it('says when a period has not matured, and shows the trend of earlier periods', async () => {
		const view = await report({ period: 'fy-2026' });
		expect(block(view, 'referralsByCameToLight')?.maturity).toMatch(/^Not final/);
		expect(block(await report({ period: 'fy-2025' }), 'referralsByCameToLight')?.maturity).toBeNull();
		const trend = (await report({ period: 'fy-2025' })).charts.find((c) => c.title.startsWith('Referrals and completions'));
		const referrals = Object.fromEntries(trend?.table.rows.map((r) => [r.label, r.cells[0]]) ?? []);
		expect(referrals).toMatchObject({ 'Financial year 2022/23': '0', 'Financial year 2024/25': '5', 'Financial year 2025/26': '20' });
		// 2023/24 holds the small school: its total is 11 or hidden, whichever keeps the small school's share safe.
		expect(['11', 'hidden']).toContain(referrals['Financial year 2023/24']);
	});

	it('says which small-number rule it applied, that comparisons are not causal, and whose knowledge police contact is', async () => {
		const view = await report({ period: 'fy-2025' });
		expect(view.rule).toContain('Counts of 1 to 4 are shown as <5');
		expect(view.notCausal).toContain('There is no control group');
		expect(view.policeNote).toContain('known to the school or provider');
	});

	it('shows a school beside the whole service, and answers not found for another service\'s school', async () => {
		const view = await report({ period: 'fy-2025', school: school1() });
		expect(view.school?.id).toBe(school1());
		expect(tableOf(view, 'came-to-light')['All referrals']).toEqual(['20', '20']);
		expect(await serviceReport(commissioner(), filter({ school: world.services[1].schools[0].id }), NOW)).toBeNull();
	});

	it('writes one audit row per view and per export, naming the filter and no pupil', async () => {
		await serviceReport(commissioner(), filter({ period: 'fq-2025-2', kind: 'quarter', school: school2() }), NOW, 'export');
		const [row] = await db().select().from(t.auditEvent).where(and(eq(t.auditEvent.action, 'report.service.exported'), eq(t.auditEvent.actorUserId, commissioner().userId)));
		expect(row).toMatchObject({ recordType: 'report', recordId: 'service', schoolId: school2(), serviceId: serviceOf() });
		expect(JSON.parse(row?.detail ?? '{}')).toEqual({ period: 'fq-2025-2', school: school2() });
	});
});

describe('small numbers in the service report (DOMAIN.md §5)', () => {
	it('hides the small school\'s counts, in its own view and in the by-school chart', async () => {
		const view = await report({ period: 'fy-2023', school: school2() });
		expect(tableOf(view, 'came-to-light')['All referrals']?.[0]).toBe('<5');
		const service = await report({ period: 'fy-2023' });
		const bySchool = service.charts.find((c) => c.title.startsWith('Referrals by school'));
		expect(bySchool?.table.rows.find((r) => r.label === world.services[0].schools[1].name)?.cells).toEqual(['<5']);
	});

	it('lets nobody work out a hidden figure from the service total beside a school\'s view, or from the schools\' views together', async () => {
		const { publication, report: suppressed } = await serviceFamily(db(), serviceOf(), [{ id: school1() }, { id: school2() }], financialYear(2023), [], 5);
		// Without secondary suppression the small school's search referrals are the service's less the other school's.
		expect(recover(primaryOnlyView(publication, 5)).size).toBeGreaterThan(0);
		const printed = readerView(publication, suppressed);
		expect(recover(printed)).toEqual(new Map());
		expect(Object.values(possibleValues(printed)).every((values) => values.length !== 1 || values[0] === 0)).toBe(true);
	}, 120_000);

	it('prints in the CSV exactly what the page prints, with the filter, the rule and the caveats', async () => {
		const view = await report({ period: 'fy-2023', school: school2() });
		const csv = serviceReportCsv(view);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv).toContain('"Small numbers","Counts of 1 to 4 are shown as <5');
		expect(csv).toContain('"Not causal","There is no control group');
		expect(csv).toContain(`"School","${world.services[0].schools[1].name}"`);
		expect(csv).toMatch(/"Referrals by how the incident came to light","Referrals by how the incident came to light","All referrals","Test School 1\.2: Referrals","<5"/);
		expect(csv).toContain('"A permanent exclusion",100000,"Illustrative figure');
		expect(csv.split('\r\n').length).toBeGreaterThan(100);
	});
});
