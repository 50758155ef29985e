import { reportCsv, type ReportCsvCell } from '../csv';
import type { GovernorReportView } from './report';

/**
 * The report as CSV (DOMAIN.md §5): the same printed figures as the page, each hidden one as its words.
 * Percentages are whole numbers in columns marked (%), medians in days.
 */
/** A chart table's printed count ("12", "1,204") back to a bare number; words ("<5", "hidden", "40%") stay text. */
const asNumber = (display: string): string | number => (/^\d{1,3}(,\d{3})*$/.test(display) ? Number(display.replace(/,/g, '')) : display);

export function governorCsv(view: GovernorReportView): string {
	const previous = view.previous?.label ?? 'Previous period';
	const rows: ReportCsvCell[][] = [
		['Exclusion-avoidance report', view.school.name],
		['Period', view.period.label],
		['Previous period', view.previous?.label ?? 'none'],
		['Made on', view.generatedOn],
		['Small numbers', view.rule],
		['Comparisons', view.notCausal],
		[],
		['Measure', view.period.label, `${view.period.label} (%)`, previous, `${previous} (%)`, 'Change', 'Definition', 'In plain English', 'Note'],
		...view.metrics.map((m) => [
			m.label,
			m.current,
			m.currentRate,
			m.previous,
			m.previousRate,
			m.change,
			m.definition,
			m.explain,
			[m.maturity.current, m.maturity.previous].filter(Boolean).join(' ')
		]),
		[],
		['Safeguarding escalations by agency', view.period.label, previous, 'Change'],
		...view.escalations.map((e) => [e.label, e.current, e.previous, e.change])
	];
	for (const b of view.breakdowns) {
		rows.push([], [b.label, 'Referrals', 'Share of referrals (%)', `Share of roll ${view.rollYear} (%)`, 'Outcomes', 'Completed', 'Completion rate (%)', 'Overall completion rate (%)']);
		for (const g of b.groups) rows.push([g.label, g.referrals, g.shareOfReferrals, g.shareOfRoll, g.outcomes, g.completed, g.completionRate, b.overallCompletionRate]);
		if (b.rollNote) rows.push([b.rollNote]);
	}
	for (const chart of view.charts) {
		rows.push([], [chart.table.caption, ...chart.table.head.slice(1)]);
		for (const row of chart.table.rows) rows.push([row.label, ...row.cells.map(asNumber)]);
	}
	return reportCsv(rows);
}
