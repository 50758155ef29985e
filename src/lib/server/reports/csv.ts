import { CSV_BOM, csvValue } from '../util/csv';
import type { Figure } from './suppression';

/** A CSV cell of a report: a label, a plain number, a suppressed figure, or nothing. */
export type ReportCsvCell = string | number | Figure | null;

function isFigure(cell: ReportCsvCell): cell is Figure {
	return typeof cell === 'object' && cell !== null;
}

/**
 * A report as CSV that opens cleanly in Excel: UTF-8 with a byte order mark, CRLF line ends, labels as
 * neutralised text, and counts as bare numbers. A hidden figure is written as the words every other
 * output prints ("<5", "hidden", "not shown: fewer than 10"), never as its count (DOMAIN.md §5).
 */
export function reportCsv(rows: readonly (readonly ReportCsvCell[])[]): string {
	const line = (row: readonly ReportCsvCell[]) => row.map((cell) => csvValue(isFigure(cell) ? (cell.value ?? cell.display) : cell)).join(',');
	return CSV_BOM + rows.map((row) => `${line(row)}\r\n`).join('');
}

/** Response headers for a report's CSV download: never cached, since reports can change and are not public. */
export function csvHeaders(filename: string): Record<string, string> {
	return {
		'content-type': 'text/csv; charset=utf-8',
		'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
		'cache-control': 'no-store'
	};
}
