import { describe, expect, it } from 'vitest';
import { csvHeaders, reportCsv } from './csv';
import { percentage } from './figures';
import { breakdown, separateCounts } from './publication';
import { suppress } from './suppression';

describe('report CSV', () => {
	it('starts with a UTF-8 byte order mark and ends every row with CRLF', () => {
		const csv = reportCsv([['Group', 'Referrals'], ['Zoë’s year', 12]]);
		expect(csv.startsWith('\uFEFF"Group","Referrals"\r\n')).toBe(true);
		expect(csv.endsWith('"Zoë’s year",12\r\n')).toBe(true);
		expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
	});

	it('writes printed counts as numbers and hidden ones as the words every other output shows', () => {
		const publication = breakdown('sex', { F: 3, M: 9, Unknown: 6 });
		const report = suppress(publication, 5);
		const rows = ['sex', 'sex/F', 'sex/M', 'sex/Unknown'].map((id) => [id, report.cell(id)]);
		const lines = reportCsv(rows).slice(1).split('\r\n');
		expect(lines[0]).toBe('"sex",18');
		expect(lines[1]).toBe('"sex/F","<5"');
		expect(lines.slice(2, 4).sort()).toEqual(['"sex/M",9', '"sex/Unknown","hidden"']);
		expect(reportCsv(rows)).not.toMatch(/,3\r\n|,6\r\n/);
	});

	it('writes a withheld percentage as its reason', () => {
		const report = suppress(separateCounts({ referred: 9, completed: 6 }), 5);
		expect(reportCsv([[percentage(report.cell('completed'), report.cell('referred'), 10)]])).toBe('\uFEFF"not shown: fewer than 10"\r\n');
	});

	it('neutralises every text cell a spreadsheet would run as a formula', () => {
		const csv = reportCsv([['=HYPERLINK("http://evil.example")', '+44', '-1', '@SUM(A1)', '\tx', '\rx', 'ok']]);
		expect(csv).toBe('\uFEFF"\'=HYPERLINK(""http://evil.example"")","\'+44","\'-1","\'@SUM(A1)","\'\tx","\'\rx","ok"\r\n');
	});

	it('leaves a negative number a number', () => {
		expect(reportCsv([[-3, 0, null]])).toBe('\uFEFF-3,0,""\r\n');
	});

	it('names the download safely', () => {
		expect(csvHeaders('governors "report" 2025/26.csv')['content-disposition']).toBe('attachment; filename="governors__report__2025_26.csv"');
	});
});
