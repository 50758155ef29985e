import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('password rules (SECURITY.md 7)', () => {
	it('refuses fewer than 12 characters', () => {
		expect(passwordProblem('short-pass1')).toMatch(/12 characters or more/);
	});

	it('accepts 12 characters with no composition rules', () => {
		expect(passwordProblem('lantern river')).toBeNull();
		expect(passwordProblem('alllowercaseletters')).toBeNull();
	});

	it('accepts up to 128 characters and refuses more', () => {
		expect(passwordProblem('a quiet lantern '.repeat(8))).toBeNull();
		expect(passwordProblem('x'.repeat(129))).toMatch(/128 characters or fewer/);
	});

	it('refuses common passwords whatever their case', () => {
		expect(passwordProblem('password1234')).toMatch(/too common/);
		expect(passwordProblem('PASSWORD1234')).toMatch(/too common/);
		expect(passwordProblem('aaaaaaaaaaaaaaaa')).toMatch(/too common/);
	});

	it('refuses a password containing the person’s name or email', () => {
		expect(passwordProblem('jordan-lantern-river', ['jordan'])).toMatch(/name or email/);
	});

	it('hashes with argon2id and verifies only the right password', async () => {
		const hash = await hashPassword('lantern river boat');
		expect(hash).toMatch(/^\$argon2id\$/);
		expect(await verifyPassword(hash, 'lantern river boat')).toBe(true);
		expect(await verifyPassword(hash, 'lantern river boaT')).toBe(false);
		expect(await verifyPassword('not a hash', 'x')).toBe(false);
	});
});
