import { asc, eq, min } from 'drizzle-orm';
import { recordAudit } from '../../audit/audit';
import type { Actor } from '../../auth/actor';
import { db, t, type Queryable } from '../../db';
import { getSetting } from '../../settings/settings';
import { listTermDates } from '../../settings/term-dates';
import { refreshPendingStatistics } from '../../statistics/refresh';
import { isoDate, toLondon } from '../../time/working-days';
import type { Chart } from '../charts/svg';
import { describeRule } from '../figures';
import { NOT_CAUSAL } from '../metrics';
import type { Period, PeriodKind, TermRange } from '../periods';
import { activityBlocks } from './activity';
import { serviceCharts } from './charts';
import { equalityBlocks } from './equality';
import { keptReport } from '../kept';
import { familyPublication, SERVICE_VIEW, suppressFamily } from './family';
import { schoolFigures, scopeMedians } from './figures';
import { earlierPeriods, periodChoices, resolvePeriod, type ServiceFilter } from './filter';
import { costBlock, outcomeBlocks, type UnitCosts } from './outcomes';
import { serviceShape } from './shape';
import type { Context, MetricBlock, ScopeColumn } from './tables';

/**
 * The commissioner and provider report for the whole service (DOMAIN.md §5): every figure suppressed
 * by the service's rule over the service and all its schools at once (family.ts), shaped for the page
 * and the CSV. Aggregates only: nothing here names or describes a pupil.
 */
export interface ServiceReport {
	serviceName: string;
	programmeName: string;
	school: { id: string; name: string } | null;
	period: Period;
	choices: { schools: { id: string; name: string }[]; periods: Record<PeriodKind, Period[]> };
	rule: string;
	notCausal: string;
	policeNote: string;
	sections: { id: string; heading: string; blocks: MetricBlock[] }[];
	charts: Chart[];
	unitCosts: UnitCosts;
}

const TREND_PERIODS = 3;

export const POLICE_NOTE = 'Police contact is only what is known to the school or provider: there may be contact that neither knows about.';

/** The service and each of its schools for one period, published and suppressed together (family.ts). */
export async function serviceFamily(q: Queryable, serviceId: string, schools: readonly { id: string }[], period: Period, trend: readonly Period[], threshold: number) {
	const shape = serviceShape(trend.map((p) => p.key));
	const bySchool = await schoolFigures(q, serviceId, schools.map((s) => s.id), period, trend);
	const figures = schools.map((s) => ({ id: s.id, values: bySchool.get(s.id) ?? new Map<string, number>() }));
	const publication = familyPublication(shape, figures);
	return { figures, publication, report: suppressFamily(publication, threshold) };
}

/** The report for the actor's service, or null when the filter names a school outside it (a 404). Audited. */
export async function serviceReport(actor: Actor, filter: ServiceFilter, now = new Date(), purpose: 'view' | 'export' = 'view'): Promise<ServiceReport | null> {
	// Never behind a committed change (schema/statistics.ts).
	await refreshPendingStatistics(db(), now);
	const today = isoDate(toLondon(now));
	// Kept while nothing it reads has changed (kept.ts): commissioners page through the same report.
	const key = `service\n${filter.schoolId ?? ''}\n${filter.kind}\n${filter.period ?? ''}\n${today}`;
	const report = await keptReport(db(), actor.serviceId, key, () => buildServiceReport(actor.serviceId, filter, today));
	if (!report) return null;
	await recordAudit(db(), actor, {
		action: purpose === 'view' ? 'report.service.viewed' : 'report.service.exported',
		recordType: 'report',
		recordId: 'service',
		schoolId: report.school?.id ?? null,
		detail: { period: report.period.key, school: report.school?.id ?? null }
	});
	return report;
}

async function buildServiceReport(serviceId: string, filter: ServiceFilter, today: string): Promise<ServiceReport | null> {
	const q = db();
	const schools = await q.select({ id: t.school.id, name: t.school.name }).from(t.school).where(eq(t.school.serviceId, serviceId)).orderBy(asc(t.school.name));
	const school = filter.schoolId ? schools.find((s) => s.id === filter.schoolId) : null;
	if (school === undefined) return null;

	const termYears = await listTermDates(q, serviceId);
	const terms = (year: number): TermRange[] => {
		const found = termYears.find((y) => y.academicYear === year)?.terms ?? {};
		return (['autumn', 'spring', 'summer'] as const).flatMap((term) => {
			const range = found[term];
			return range ? [{ term, label: term[0]?.toUpperCase() + term.slice(1), startsOn: range.startsOn, endsOn: range.endsOn }] : [];
		});
	};
	const [first] = await q.select({ on: min(t.referralStatistic.submittedOn) }).from(t.referralStatistic).where(eq(t.referralStatistic.serviceId, serviceId));
	const firstYear = Math.min(Number((first?.on ?? today).slice(0, 4)) - 1, Number(today.slice(0, 4)) - 2);
	const choices = periodChoices(firstYear, today, terms);
	const period = resolvePeriod(filter, choices, today, terms) ?? choices['financial-year'][0];
	if (!period) throw new Error('There is always a current financial year');
	const trend = earlierPeriods(period, TREND_PERIODS, terms);

	const threshold = await getSetting(q, serviceId, 'suppressionThreshold');
	const minimumDenominator = await getSetting(q, serviceId, 'minimumDenominator');
	const unitCosts = await getSetting(q, serviceId, 'unitCosts');
	const { report } = await serviceFamily(q, serviceId, schools, period, trend, threshold);
	const [service] = await q.select({ name: t.service.name }).from(t.service).where(eq(t.service.id, serviceId));
	const serviceColumn: ScopeColumn = { name: 'Whole service', prefix: SERVICE_VIEW, medians: await scopeMedians(q, { serviceId: serviceId }, period) };
	const scopes: ScopeColumn[] = school ? [{ name: school.name, prefix: school.id, medians: await scopeMedians(q, { serviceId: serviceId, schoolId: school.id }, period) }, serviceColumn] : [serviceColumn];
	const ctx: Context = { report, scopes, period, today, minimumDenominator };

	return {
		serviceName: service?.name ?? '',
		programmeName: await getSetting(q, serviceId, 'programmeName'),
		school: school ?? null,
		period,
		choices: { schools, periods: choices },
		rule: describeRule(threshold, minimumDenominator),
		notCausal: NOT_CAUSAL,
		policeNote: POLICE_NOTE,
		sections: [
			{ id: 'activity', heading: 'Referrals and how the service responded', blocks: activityBlocks(ctx) },
			{ id: 'outcomes', heading: 'Outcomes and follow-up', blocks: outcomeBlocks(ctx) },
			{ id: 'costs', heading: 'Costs avoided (estimate)', blocks: [costBlock(ctx, unitCosts)] },
			{ id: 'equality', heading: 'Equality', blocks: equalityBlocks(ctx) }
		],
		charts: serviceCharts(ctx, report, { prefix: scopes[0]?.prefix ?? SERVICE_VIEW, scopeName: scopes[0]?.name ?? 'Whole service', schools: school ? null : schools, trend }),
		unitCosts
	};
}
