/**
 * CSV for spreadsheets (SECURITY.md 13), the one implementation the audit export and the reports share.
 * Text cells are quoted with quotes doubled, and a text cell that a spreadsheet would run as a formula
 * (starting with = + - @, tab or carriage return) gets a leading single quote so it shows as text.
 */

/** The byte order mark that makes Excel read the file as UTF-8 (names like "Zoë" survive). */
export const CSV_BOM = '\uFEFF';

const FORMULA_OPENER = /^[=+\-@\t\r]/;

/** Text a spreadsheet will show, never run. */
export function neutralise(text: string): string {
	return FORMULA_OPENER.test(text) ? `'${text}` : text;
}

/** One cell as quoted, neutralised text, whatever it holds (the audit log: ids stay text). */
export function csvCell(value: string | number | null | undefined): string {
	const text = value === null || value === undefined ? '' : String(value);
	return `"${neutralise(text).replace(/"/g, '""')}"`;
}

/**
 * One cell where a number stays a number: written bare, so Excel sums it. A bare number cannot carry a
 * formula (it is only digits, a point and perhaps a leading minus sign, which Excel reads as a number).
 */
export function csvValue(value: string | number | null | undefined): string {
	if (typeof value !== 'number') return csvCell(value);
	if (!Number.isFinite(value)) throw new Error('A CSV number must be finite');
	return String(value);
}

/** One CSV line of text cells, ended with CRLF as RFC 4180 asks. */
export function csvRow(values: readonly (string | number | null | undefined)[]): string {
	return `${values.map(csvCell).join(',')}\r\n`;
}
