import { describe, expect, it } from 'vitest';
import { newVerificationCode, normaliseCode } from './code';

describe('verification codes (DOMAIN.md §3 step 8)', () => {
	it('prints 12 Crockford characters in groups of four: 60 random bits', () => {
		expect(newVerificationCode()).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
	});

	it('does not repeat across many codes', () => {
		const codes = new Set(Array.from({ length: 5000 }, newVerificationCode));
		expect(codes.size).toBe(5000);
	});

	it('reads a code typed in lower case, with spaces, or with I, L and O for 1, 1 and 0', () => {
		expect(normaliseCode('7k3m q9xd 2vht')).toBe('7K3M-Q9XD-2VHT');
		expect(normaliseCode('7K3M-Q9XD-2VHT')).toBe('7K3M-Q9XD-2VHT');
		expect(normaliseCode('ILO0-0000-0000')).toBe('1100-0000-0000');
	});

	it('refuses what cannot be a code', () => {
		expect(normaliseCode('7K3M-Q9XD')).toBeNull();
		expect(normaliseCode('7K3M-Q9XD-2VHU')).toBeNull();
		expect(normaliseCode('<script>alert(1)</script>')).toBeNull();
	});
});
