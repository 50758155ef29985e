/**
 * CSV for spreadsheets (SECURITY.md 13): every cell is quoted, quotes are doubled, and a cell that a
 * spreadsheet would run as a formula (starting with = + - @, tab or carriage return) gets a leading
 * single quote so it shows as text.
 */
export function csvCell(value: string | number | null | undefined): string {
	let text = value === null || value === undefined ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return `"${text.replace(/"/g, '""')}"`;
}

/** One CSV line, ended with CRLF as RFC 4180 asks. */
export function csvRow(values: readonly (string | number | null | undefined)[]): string {
	return `${values.map(csvCell).join(',')}\r\n`;
}
