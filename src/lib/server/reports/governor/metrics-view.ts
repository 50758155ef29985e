import { definitionLine, METRICS, type MetricDefinition, type MetricKey } from '../metrics';
import type { Period } from '../periods';
import { difference, percentage, tooFewLabel } from '../figures';
import { HIDDEN, type Cell, type Figure, type SuppressedReport } from '../suppression';
import { maturityNote } from './maturity';

/**
 * The headline metrics of a governor's report (DOMAIN.md §5), each with its definition, its plain line,
 * both periods, the change and any rate, from suppressed cells only. Pure.
 */
export interface MetricView {
	key: MetricKey;
	label: string;
	definition: string;
	explain: string;
	current: Figure;
	previous: Figure | null;
	change: Figure | null;
	/** The figure as a share of its denominator, where the definition has one. */
	currentRate: Figure | null;
	previousRate: Figure | null;
	maturity: { current: string | null; previous: string | null };
}

export const figure = (f: Figure): Figure => ({ value: f.value, display: f.display });
const asCell = (f: Figure): Cell => ({ value: f.value, display: f.display, suppressed: f.value === null ? 'secondary' : null });

/** How each metric reads its count and its denominator from a period's cells. */
const SOURCES: Partial<Record<MetricKey, { count: string; of?: string }>> = {
	referrals: { count: 'referrals' },
	insteadOfSuspension: { count: 'decision/instead_of_suspension' },
	insteadOfPermanentExclusion: { count: 'decision/instead_of_permanent_exclusion' },
	alongsideSuspension: { count: 'decision/alongside_suspension' },
	suspensionDaysAvoided: { count: 'suspensionDaysAvoided' },
	permanentExclusionsAvoided: { count: 'permanentExclusionsAvoided' },
	consents: { count: 'consents', of: 'referrals' },
	assessments: { count: 'assessments', of: 'referrals' },
	completions: { count: 'outcomes/completed', of: 'outcomes' },
	repeatIncident6: { count: 'fu6/furtherIncident', of: 'fu6/returned' },
	suspension6: { count: 'fu6/suspension', of: 'fu6/returned' },
	repeatIncident12: { count: 'fu12/furtherIncident', of: 'fu12/returned' },
	suspension12: { count: 'fu12/suspension', of: 'fu12/returned' }
};

export const GOVERNOR_METRICS: readonly MetricKey[] = [
	'referrals',
	'insteadOfSuspension',
	'insteadOfPermanentExclusion',
	'alongsideSuspension',
	'suspensionDaysAvoided',
	'permanentExclusionsAvoided',
	'consents',
	'assessments',
	'completions',
	'medianDaysIncidentToFirstSession',
	'repeatIncident6',
	'suspension6',
	'repeatIncident12',
	'suspension12'
];

export interface PeriodInput {
	view: string;
	period: Period;
	median: { value: number | null; of: number };
}

/**
 * Suspension days are days, not people: one pupil's recorded days would show through a total of days
 * whenever the cases behind it are few, so the total hides whenever either count of those cases is
 * not printed.
 */
function daysAvoided(report: SuppressedReport, view: string): Figure {
	const cases = ['decision/instead_of_suspension', 'decision/alongside_suspension'].map((id) => report.cell(`${view}:${id}`));
	if (cases.some((c) => c.value === null)) return { value: null, display: HIDDEN };
	return figure(report.cell(`${view}:suspensionDaysAvoided`));
}

/** A median of few people is close to one person's value: not shown under the minimum denominator. */
function median(m: PeriodInput['median'], minimumDenominator: number): Figure {
	if (m.value === null || m.of < minimumDenominator) return { value: null, display: m.of === 0 ? 'none yet' : tooFewLabel(minimumDenominator) };
	const value = Math.round(m.value * 10) / 10;
	return { value, display: `${value.toLocaleString('en-GB')} days` };
}

function countOf(report: SuppressedReport, key: MetricKey, view: string): Figure {
	if (key === 'suspensionDaysAvoided') return daysAvoided(report, view);
	const source = SOURCES[key];
	if (!source) throw new Error(`No source for ${key}`);
	return figure(report.cell(`${view}:${source.count}`));
}

function rateOf(report: SuppressedReport, key: MetricKey, view: string, minimumDenominator: number): Figure | null {
	const source = SOURCES[key];
	if (!source?.of) return null;
	return figure(percentage(report.cell(`${view}:${source.count}`), report.cell(`${view}:${source.of}`), minimumDenominator));
}

export function metricViews(report: SuppressedReport, current: PeriodInput, previous: PeriodInput | null, minimumDenominator: number, today: string): MetricView[] {
	return GOVERNOR_METRICS.map((key) => {
		const metric: MetricDefinition = METRICS[key];
		const isMedian = key === 'medianDaysIncidentToFirstSession';
		const now = isMedian ? median(current.median, minimumDenominator) : countOf(report, key, current.view);
		const before = previous ? (isMedian ? median(previous.median, minimumDenominator) : countOf(report, key, previous.view)) : null;
		return {
			key,
			label: metric.label,
			definition: definitionLine(metric),
			explain: metric.explain,
			current: now,
			previous: before,
			// A change in a median is not a count of people; its two values are beside each other anyway.
			change: before && !isMedian ? figure(difference(asCell(now), asCell(before))) : null,
			currentRate: rateOf(report, key, current.view, minimumDenominator),
			previousRate: previous ? rateOf(report, key, previous.view, minimumDenominator) : null,
			maturity: { current: maturityNote(metric, current.period, today), previous: previous ? maturityNote(metric, previous.period, today) : null }
		};
	});
}
