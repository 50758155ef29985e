import { describe, expect, it } from 'vitest';
import { initialsOf, unprintableCharacters } from './glyphs';

describe('names the certificate can print (DOMAIN.md §3 step 8)', () => {
	it.each(['Zoë Lambert', 'Łukasz Nowak', 'Nguyễn Văn An', 'Σοφία Παπαδοπούλου', 'Анастасия Иванова', "Siobhán O'Brien-Smith"])('prints %s', (name) => {
		expect(unprintableCharacters(name)).toEqual([]);
	});

	it('prints a name typed with combining accents, once composed', () => {
		expect(unprintableCharacters('Zoe\u0308')).toEqual([]);
	});

	it('refuses characters the embedded font has no glyph for', () => {
		expect(unprintableCharacters('王小明')).toEqual(['王', '小', '明']);
		expect(unprintableCharacters('Sam 🦄')).toEqual(['🦄']);
	});

	it('refuses right-to-left scripts, which would print in the wrong order', () => {
		expect(unprintableCharacters('נועה')).toHaveLength(4);
	});

	it('refuses invisible and control characters', () => {
		expect(unprintableCharacters('Sam\u200bJones')).toEqual(['\u200b']);
	});

	it('takes the first letter of each part of the name as initials', () => {
		expect(initialsOf('Zoë Lambert')).toBe('Z. L.');
		expect(initialsOf('Σοφία Παπαδοπούλου')).toBe('Σ. Π.');
		expect(initialsOf("anne-marie o'neill")).toBe('A. M. O.');
	});
});
