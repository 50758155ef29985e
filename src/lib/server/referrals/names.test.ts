import { describe, expect, it } from 'vitest';
import { displayNameOf, nameKey } from './names';

describe('name keys', () => {
	it('ignores case, accents and apostrophes', () => {
		expect(nameKey('Zoë')).toBe('zoe');
		expect(nameKey('O’Neil')).toBe('oneil');
		expect(nameKey("O'NEIL")).toBe('oneil');
		expect(nameKey('  Siân   Ní Bhriain ')).toBe('sian ni bhriain');
	});

	it('turns hyphens and other punctuation into single spaces', () => {
		expect(nameKey('Smith-Jones')).toBe('smith jones');
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
