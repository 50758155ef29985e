import { describe, expect, it } from 'vitest';
import { plannedSubmissions, type ActionSpec } from '../helpers/hostile-run';
import type { HostileWorld } from '../helpers/hostile-world';
import { ROUTES_DIR, routeFiles } from '../helpers/routes';
import { adminSpecs } from './hostile/admin-specs';
import { authSpecs } from './hostile/auth-specs';
import { caseSpecs } from './hostile/case-specs';
import { referralSpecs } from './hostile/referral-specs';
import { retentionSpecs } from './hostile/retention-specs';
import { sessionSpecs } from './hostile/session-specs';

/**
 * Issue 7 point 2: every form action is in the hostile-input suite. A new form (a `+page.server.ts`
 * exporting an action) fails here until its fields are listed in a spec under tests/integration/hostile/.
 */
const never = (): HostileWorld => {
	throw new Error('the coverage check starts no world');
};
const SPECS: ActionSpec[] = [adminSpecs, authSpecs, caseSpecs, referralSpecs, retentionSpecs, sessionSpecs].flatMap((specsOf) => specsOf(never));

async function formActions(): Promise<string[]> {
	const keys: string[] = [];
	for (const file of routeFiles().filter((f) => f.endsWith('+page.server.ts'))) {
		const module = (await import(/* @vite-ignore */ `${ROUTES_DIR}/${file}`)) as { actions?: Record<string, unknown> };
		const route = file.split('/').slice(0, -1).join('/');
		for (const name of Object.keys(module.actions ?? {})) keys.push(`${route} ${name}`);
	}
	return keys.sort();
}

const sum = (full: boolean) => SPECS.reduce((n, spec) => n + plannedSubmissions(spec, full), 0);
const fields = SPECS.reduce((n, spec) => n + Object.keys(spec.fields).length, 0);

describe('the hostile-input suite’s reach', () => {
	it('covers every form action in src/routes, and names none that does not exist', async () => {
		const actions = await formActions();
		const covered = [...new Set(SPECS.map((s) => `${s.route} ${s.action}`))].sort();
		expect(actions.length).toBeGreaterThan(60);
		expect(actions.filter((a) => !covered.includes(a))).toEqual([]);
		expect(covered.filter((c) => !actions.includes(c))).toEqual([]);
	});

	it('points every spec at the action it names', async () => {
		for (const spec of SPECS) {
			const module = (await import(/* @vite-ignore */ `${ROUTES_DIR}/${spec.route}/+page.server.ts`)) as { actions: Record<string, unknown> };
			expect(spec.handler, `${spec.route} ${spec.action}`).toBe(module.actions[spec.action]);
		}
	});

	it(`posts ${sum(false)} hostile values into ${fields} fields of ${SPECS.length} forms in the sample, and ${sum(true)} in the full run (npm run fuzz)`, () => {
		expect(sum(true)).toBeGreaterThan(sum(false));
		expect(SPECS.every((spec) => plannedSubmissions(spec, false) >= Object.keys(spec.fields).length * 50)).toBe(true);
	});
});
