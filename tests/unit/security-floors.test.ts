import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The security floors of ../shared/STACK.md: published advisories are fixed from these versions on. */
const FLOORS: Record<string, string> = {
	'@sveltejs/kit': '2.69.1',
	devalue: '5.9.3',
	svelte: '5.53.5',
	'sveltekit-superforms': '2.27.4'
};

function installed(name: string): string {
	return (JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

function atLeast(version: string, floor: string): boolean {
	const [a, b] = [version, floor].map((v) => v.split('-')[0]?.split('.').map(Number) ?? []);
	for (let i = 0; i < 3; i++) {
		const [x, y] = [a?.[i] ?? 0, b?.[i] ?? 0];
		if (x !== y) return x > y;
	}
	return true;
}

describe('security floors (STACK.md)', () => {
	it.each(Object.entries(FLOORS))('installs %s at or above %s', (name, floor) => {
		expect(atLeast(installed(name), floor), `${name} ${installed(name)} is below ${floor}`).toBe(true);
	});

	it('compares versions numerically, not as text', () => {
		expect(atLeast('2.70.4', '2.69.1')).toBe(true);
		expect(atLeast('5.9.10', '5.9.3')).toBe(true);
		expect(atLeast('5.10.0', '5.9.3')).toBe(true);
		expect(atLeast('2.69.0', '2.69.1')).toBe(false);
		expect(atLeast('1.99.99', '2.0.0')).toBe(false);
	});
});
