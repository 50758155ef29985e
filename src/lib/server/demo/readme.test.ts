import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_SIGN_INS } from './data';

describe('the README', () => {
	const rows = readFileSync('README.md', 'utf8')
		.split('\n')
		.filter((line) => line.startsWith('| ') && line.includes('@example.org'));

	it('lists every demo sign-in, with the password and its own TOTP secret, and nothing else', () => {
		expect(rows).toHaveLength(DEMO_SIGN_INS.length);
		for (const signIn of DEMO_SIGN_INS) {
			const row = rows.find((r) => r.startsWith(`| ${signIn.email} |`));
			expect(row, signIn.email).toBeDefined();
			expect(row).toContain(`\`${DEMO_PASSWORD}\``);
			if (signIn.totpSecret) expect(row).toContain(`\`${signIn.totpSecret}\``);
			else expect(row).toContain('sets one up at first sign-in');
		}
	});
});
