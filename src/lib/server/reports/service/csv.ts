import { reportCsv, type ReportCsvCell } from '../csv';
import type { ServiceReport } from './report';

/**
 * The service report as CSV (opens cleanly in Excel: csv.ts): the filter, the rule applied and the
 * caveats first, then one line per printed figure with its definition, then the unit costs with their
 * sources. Every figure is the suppressed one the page prints.
 */
export function serviceReportCsv(view: ServiceReport): string {
	const rows: ReportCsvCell[][] = [
		['Service report', view.serviceName],
		['School', view.school?.name ?? 'All schools'],
		['Period', view.period.label, view.period.from, view.period.to],
		['Small numbers', view.rule],
		['Not causal', view.notCausal],
		['Police contact', view.policeNote],
		[],
		['Section', 'Measure', 'Table', 'Row', 'Column', 'Value', 'Definition', 'Not final']
	];
	for (const section of view.sections) {
		for (const block of section.blocks) {
			for (const table of block.tables) {
				for (const row of table.rows) {
					row.cells.forEach((cell, i) => rows.push([section.heading, block.label, table.caption, row.label, table.columns[i] ?? '', cell, block.definition, block.maturity ?? '']));
				}
			}
		}
	}
	rows.push([], ['Unit cost', 'Pounds', 'Source']);
	rows.push(['A day’s suspension', view.unitCosts.suspensionDay.pounds, view.unitCosts.suspensionDay.source]);
	rows.push(['A permanent exclusion', view.unitCosts.permanentExclusion.pounds, view.unitCosts.permanentExclusion.source]);
	return reportCsv(rows);
}

export function serviceReportFilename(view: ServiceReport): string {
	return `service-report-${view.period.key}${view.school ? '-school' : ''}.csv`;
}
