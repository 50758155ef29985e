import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { formatIsoDate } from '$lib/schemas/fields';
import { recordAudit } from '../../audit/audit';
import type { Actor } from '../../auth/actor';
import { db, t } from '../../db';
import { preparedByShape } from '../../db/prepared';
import { getSetting } from '../../settings/settings';
import { listTermDates } from '../../settings/term-dates';
import { refreshPendingStatistics } from '../../statistics/refresh';
import { isoDate, toLondon } from '../../time/working-days';
import type { Chart } from '../charts/svg';
import { describeRule } from '../figures';
import { NOT_CAUSAL } from '../metrics';
import { academicYearOf, type Period } from '../periods';
import { keptReport } from '../kept';
import { suppress } from '../suppression';
import { breakdownViews, escalationViews, type BreakdownView, type EscalationView } from './breakdown-view';
import { governorCharts } from './charts';
import { breakdownFigures, periodFigures, rollFigures, trendFigures } from './load';
import { metricViews, type MetricView } from './metrics-view';
import { choosePeriod, periodChoices, periodsBack } from './period-choice';
import { governorPublication } from './publication';

/**
 * A school's exclusion-avoidance report for its governors (DOMAIN.md §5): aggregates only, already
 * suppressed, never a pupil. The page, the PDF pack and the CSV all print this one view model.
 */
export interface GovernorReportView {
	school: { id: string; name: string };
	period: { key: string; label: string; from: string; to: string };
	previous: { key: string; label: string; from: string; to: string } | null;
	choices: { years: { key: string; label: string }[]; terms: { key: string; label: string }[] };
	metrics: MetricView[];
	escalations: EscalationView[];
	breakdowns: BreakdownView[];
	rollYear: string;
	charts: Chart[];
	rule: string;
	notCausal: string;
	generatedOn: string;
}

const periodView = (p: Period) => ({ key: p.key, label: p.label, from: p.from, to: p.to });

/** The school if the actor may see its report: a governor their own school, others any school of their service. */
async function schoolInScope(actor: Actor, schoolId: string): Promise<{ id: string; name: string } | null> {
	const [row] = await schoolInScopePrepared(actor.schoolId ? 'own school' : 'service', { schoolId, serviceId: actor.serviceId, ownSchoolId: actor.schoolId ?? '' }).all();
	return row ?? null;
}

/** A governor's own school only; anyone else's, a school of their service. Built once (db/prepared.ts). */
const schoolInScopePrepared = preparedByShape((q, shape: 'own school' | 'service') => {
	const conditions: SQL[] = [eq(t.school.id, sql.placeholder('schoolId')), eq(t.school.serviceId, sql.placeholder('serviceId'))];
	if (shape === 'own school') conditions.push(eq(t.school.id, sql.placeholder('ownSchoolId')));
	return q
		.select({ id: t.school.id, name: t.school.name })
		.from(t.school)
		.where(and(...conditions))
		.prepare();
});

/** The schools whose report the actor may open: their own for a governor, every school of the service otherwise. */
export async function reportSchools(actor: Actor): Promise<{ id: string; name: string }[]> {
	const conditions: SQL[] = [eq(t.school.serviceId, actor.serviceId)];
	if (actor.schoolId) conditions.push(eq(t.school.id, actor.schoolId));
	const rows = await db().select({ id: t.school.id, name: t.school.name }).from(t.school).where(and(...conditions)).orderBy(asc(t.school.name));
	await recordAudit(db(), actor, { action: 'report.governor-schools-listed', detail: { schools: rows.length } });
	return rows;
}

/** Builds the report without auditing: callers audit what they do with it (view, PDF, CSV). Null outside scope. */
export async function buildGovernorReport(actor: Actor, schoolId: string, periodKey: string | null, now = new Date()): Promise<GovernorReportView | null> {
	const school = await schoolInScope(actor, schoolId);
	if (!school) return null;
	// Never behind a committed change (schema/statistics.ts).
	await refreshPendingStatistics(db(), now);
	const today = isoDate(toLondon(now));
	// Kept while nothing it reads has changed (kept.ts); the scope check above runs every time.
	return keptReport(db(), actor.serviceId, `governor\n${school.id}\n${periodKey ?? ''}\n${today}`, () => computeGovernorReport(actor.serviceId, school, periodKey, today));
}

async function computeGovernorReport(serviceId: string, school: { id: string; name: string }, periodKey: string | null, today: string): Promise<GovernorReportView> {
	const q = db();
	const termYears = await listTermDates(q, serviceId);
	const choices = periodChoices(today, termYears);
	const period = choosePeriod(periodKey, choices);
	const [, previous = null, ...earlier] = periodsBack(period, termYears);
	const scope = { serviceId, schoolId: school.id };
	const threshold = await getSetting(q, serviceId, 'suppressionThreshold');
	const minimumDenominator = await getSetting(q, serviceId, 'minimumDenominator');
	const current = await periodFigures(q, scope, period);
	const before = previous ? await periodFigures(q, scope, previous) : null;
	const earlierFigures = [];
	for (const p of earlier) earlierFigures.push(await trendFigures(q, scope, p));
	const report = suppress(governorPublication({ current, breakdowns: await breakdownFigures(q, scope, period), previous: before, earlier: earlierFigures }), threshold);
	const rollYear = academicYearOf(period.from);
	const breakdowns = breakdownViews(report, 'current', await rollFigures(q, scope, rollYear), rollYear, minimumDenominator);
	const trend = [{ view: 'current', period }, ...(previous ? [{ view: 'previous', period: previous }] : []), ...earlier.map((p, i) => ({ view: `earlier-${i + 1}`, period: p }))];
	return {
		school,
		period: periodView(period),
		previous: previous ? periodView(previous) : null,
		choices: { years: choices.years.map((p) => ({ key: p.key, label: p.label })), terms: choices.terms.map((p) => ({ key: p.key, label: p.label })) },
		metrics: metricViews(
			report,
			{ view: 'current', period, median: current.incidentToFirstSession },
			previous && before ? { view: 'previous', period: previous, median: before.incidentToFirstSession } : null,
			minimumDenominator,
			today
		),
		escalations: escalationViews(report, 'current', previous ? 'previous' : null),
		breakdowns,
		rollYear: `${rollYear}/${String((rollYear + 1) % 100).padStart(2, '0')}`,
		charts: governorCharts(report, trend, breakdowns.find((b) => b.key === 'ethnicity'), minimumDenominator),
		rule:
			describeRule(threshold, minimumDenominator) +
			` Medians are not shown when fewer than ${minimumDenominator} people are counted, and suspension days avoided are hidden whenever the number of cases they come from is.`,
		notCausal: NOT_CAUSAL,
		generatedOn: formatIsoDate(today)
	};
}

export type GovernorReportUse = 'viewed' | 'pdf-downloaded' | 'csv-downloaded';

/** The report for one use, audited: the school and the period, never a pupil (SECURITY.md 15). */
export async function governorReport(actor: Actor, schoolId: string, periodKey: string | null, use: GovernorReportUse = 'viewed', now = new Date()): Promise<GovernorReportView | null> {
	const view = await buildGovernorReport(actor, schoolId, periodKey, now);
	if (!view) return null;
	await recordAudit(db(), actor, { action: `report.governor-${use}`, recordType: 'school', recordId: view.school.id, schoolId: view.school.id, detail: { period: view.period.key } });
	return view;
}
