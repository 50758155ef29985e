import { describe, expect, it } from 'vitest';
import { displayNameOf, nameKey } from './names';

describe('name keys', () => {
	it('ignores case, accents and apostrophes', () => {
		expect(nameKey('Zoë')).toBe('zoe');
		expect(nameKey('O’Neil')).toBe('oneil');
		expect(nameKey("O'NEIL")).toBe('oneil');
		expect(nameKey('  Siân   Ní Bhriain ')).toBe('siannibhriain');
	});

	it('drops spaces, hyphens and other punctuation so spellings agree', () => {
		expect(nameKey('Smith-Jones')).toBe('smithjones');
		expect(nameKey('Smith Jones')).toBe('smithjones');
	});

	it('keeps letters from other scripts', () => {
		expect(nameKey('Łukasz')).toBe('lukasz');
		expect(nameKey('Søren')).toBe('soren');
		expect(nameKey('Мария')).toBe('мария');
	});

	it('shows the preferred name with the legal surname', () => {
		expect(displayNameOf('Alexander', 'Smith', 'Alex')).toBe('Alex Smith');
		expect(displayNameOf('Alexander', 'Smith', ' ')).toBe('Alexander Smith');
	});
});
