import { describe, expect, it } from 'vitest';
import { currentStep, matchTotp, newTotpKey, totpAt } from './totp';

describe('TOTP codes', () => {
	const key = newTotpKey();
	const now = new Date('2026-11-26T10:00:10Z');
	const step = currentStep(now);

	it('accepts the current code and one step either side', () => {
		expect(matchTotp(key, totpAt(key, step), now, null)).toBe(step);
		expect(matchTotp(key, totpAt(key, step - 1), now, null)).toBe(step - 1);
		expect(matchTotp(key, totpAt(key, step + 1), now, null)).toBe(step + 1);
	});

	it('refuses a code two steps away', () => {
		expect(matchTotp(key, totpAt(key, step - 2), now, null)).toBeNull();
	});

	it('refuses a replayed code, or an older one, once a step was used', () => {
		expect(matchTotp(key, totpAt(key, step), now, step)).toBeNull();
		expect(matchTotp(key, totpAt(key, step - 1), now, step)).toBeNull();
		expect(matchTotp(key, totpAt(key, step + 1), now, step)).toBe(step + 1);
	});

	it('accepts a code typed with a space and refuses anything not six digits', () => {
		const code = totpAt(key, step);
		expect(matchTotp(key, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).toBe(step);
		expect(matchTotp(key, 'abcdef', now, null)).toBeNull();
		expect(matchTotp(key, `${code}0`, now, null)).toBeNull();
	});
});
