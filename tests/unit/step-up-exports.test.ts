import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY, type Action } from '$lib/server/auth/policy';
import { ROUTES_DIR, routeFiles } from '../helpers/routes';

/**
 * SECURITY.md 10: exports of pupil-level data ask for a fresh authenticator code (step-up) through the
 * guard's policy rows. Every endpoint (+server.ts) is either one of those exports or listed here with
 * why it is not, so a new export cannot slip in without step-up.
 */
const PUPIL_LEVEL_EXPORTS: readonly Action[] = [
	'admin.subject-access.export',
	'admin.audit.export',
	'referral.export-pdf',
	'escalation.export-pdf',
	'certificate.bulk-download'
];

const NOT_PUPIL_LEVEL_EXPORTS: Partial<Record<Action, string>> = {
	'certificate.download':
		'One certificate, the document the school hands the young person: its name, completion date and a code, none of the case (SECURITY.md 10 asks step-up for bulk certificates)',
	'session.calendar': 'A session’s date, time and place: the event never names a young person (src/lib/server/support-sessions/ics.ts)',
	'report.governor-export': 'Aggregates only, never a pupil (SECURITY.md 3, 10: aggregate reports need none)',
	'report.service-export': 'Aggregates only, never a pupil (SECURITY.md 3, 10: aggregate reports need none)',
	'auth.session-extend': 'Keeps the session alive; returns no data',
	'auth.sign-out': 'Ends the session; returns no data',
	'public.health': 'Liveness check; returns no data',
	'bench.write-floor': 'Benchmark only (a 404 unless the server runs with BENCH=1); commits one audit-sized row and returns no data'
};

function endpointActions(): Map<string, string[]> {
	const actions = new Map<string, string[]>();
	for (const file of routeFiles().filter((f) => f.endsWith('+server.ts'))) {
		const source = readFileSync(join(ROUTES_DIR, file), 'utf8');
		for (const [, action] of source.matchAll(/guard\(event, '([^']+)'\)/g)) actions.set(action as string, [...(actions.get(action as string) ?? []), file]);
	}
	return actions;
}

describe('step-up on exports of pupil-level data (SECURITY.md 10)', () => {
	it.each(PUPIL_LEVEL_EXPORTS)('%s asks for step-up', (action) => {
		expect(POLICY[action]).toMatchObject({ stepUp: true });
	});

	it('covers every pupil-level export endpoint, or says why an endpoint is not one', () => {
		const unclassified = [...endpointActions()].filter(([action]) => !PUPIL_LEVEL_EXPORTS.includes(action as Action) && !(action in NOT_PUPIL_LEVEL_EXPORTS));
		expect(unclassified.map(([action, files]) => `${action} (${files.join(', ')})`)).toEqual([]);
	});

	it('lists only exports that an endpoint serves, and no step-up row under "not pupil-level"', () => {
		const served = endpointActions();
		for (const action of PUPIL_LEVEL_EXPORTS) expect(served.has(action), action).toBe(true);
		for (const action of Object.keys(NOT_PUPIL_LEVEL_EXPORTS) as Action[]) expect(POLICY[action], action).not.toHaveProperty('stepUp');
	});

	it('asks for step-up before deleting a record at review', () => {
		expect(POLICY['admin.retention.delete']).toMatchObject({ stepUp: true });
	});
});
