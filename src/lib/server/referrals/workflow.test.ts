import { describe, expect, it } from 'vitest';
import { CASE_STATES, type CaseState } from '$lib/case-states';
import { availableTransitions, checkTransition, type Transition, type WorkflowActor } from './workflow';

/**
 * Every allowed move, written out as literals (state, transition, who → new state). Every other
 * combination of state × transition × actor must be refused.
 */
const ALLOWED: [CaseState, Transition, WorkflowActor, CaseState][] = [
	['draft', 'submit', 'school', 'submitted'],
	['submitted', 'start-triage', 'youth_worker', 'in_triage'],
	['in_triage', 'accept', 'youth_worker', 'accepted'],
	['on_hold', 'accept', 'youth_worker', 'accepted'],
	['in_triage', 'hold', 'youth_worker', 'on_hold'],
	['on_hold', 'lift-hold', 'youth_worker', 'accepted'],
	['on_hold', 'release-hold', 'system', 'accepted'],
	['in_triage', 'not-suitable', 'youth_worker', 'not_suitable'],
	['on_hold', 'not-suitable', 'youth_worker', 'not_suitable'],
	['accepted', 'start-assessment', 'youth_worker', 'in_assessment'],
	['accepted', 'return-to-triage', 'youth_worker', 'in_triage'],
	['in_assessment', 'return-to-triage', 'youth_worker', 'in_triage'],
	['in_programme', 'return-to-triage', 'youth_worker', 'in_triage'],
	['in_assessment', 'start-programme', 'youth_worker', 'in_programme'],
	['in_programme', 'complete', 'youth_worker', 'completed'],
	['in_programme', 'complete-partially', 'youth_worker', 'partially_completed'],
	['accepted', 'close-not-engaged', 'youth_worker', 'did_not_engage'],
	['in_assessment', 'close-not-engaged', 'youth_worker', 'did_not_engage'],
	['in_programme', 'close-not-engaged', 'youth_worker', 'did_not_engage'],
	...(['submitted', 'in_triage', 'on_hold', 'accepted', 'in_assessment', 'in_programme'] as const).flatMap(
		(s) =>
			[
				[s, 'withdraw', 'school', 'withdrawn'],
				[s, 'withdraw', 'youth_worker', 'withdrawn']
			] as [CaseState, Transition, WorkflowActor, CaseState][]
	),
	['completed', 'follow-up-due', 'system', 'follow_up_due'],
	['partially_completed', 'follow-up-due', 'system', 'follow_up_due'],
	['did_not_engage', 'follow-up-due', 'system', 'follow_up_due'],
	['follow_up_due', 'record-follow-up', 'school', 'closed'],
	['follow_up_due', 'record-follow-up', 'youth_worker', 'closed'],
	['follow_up_due', 'follow-up-not-returned', 'system', 'closed'],
	...(['school', 'youth_worker', 'system'] as const).flatMap(
		(by) =>
			[
				['follow_up_due', 'await-next-follow-up-completed', by, 'completed'],
				['follow_up_due', 'await-next-follow-up-partially-completed', by, 'partially_completed'],
				['follow_up_due', 'await-next-follow-up-did-not-engage', by, 'did_not_engage']
			] as [CaseState, Transition, WorkflowActor, CaseState][]
	),
	['not_suitable', 'close', 'youth_worker', 'closed'],
	['not_suitable', 'close', 'system', 'closed'],
	['withdrawn', 'close', 'youth_worker', 'closed'],
	['withdrawn', 'close', 'system', 'closed']
];

const TRANSITION_NAMES: Transition[] = [
	'submit',
	'start-triage',
	'accept',
	'hold',
	'lift-hold',
	'release-hold',
	'not-suitable',
	'start-assessment',
	'return-to-triage',
	'start-programme',
	'complete',
	'complete-partially',
	'close-not-engaged',
	'withdraw',
	'follow-up-due',
	'record-follow-up',
	'follow-up-not-returned',
	'await-next-follow-up-completed',
	'await-next-follow-up-partially-completed',
	'await-next-follow-up-did-not-engage',
	'close'
];
const ACTORS: WorkflowActor[] = ['school', 'youth_worker', 'system'];

describe('the case workflow', () => {
	it.each(ALLOWED)('from %s, %s by %s leads to %s', (state, transition, by, to) => {
		expect(checkTransition(state, transition, by, 'a reason')).toEqual({ ok: true, to });
	});

	it('refuses every other combination of state, transition and actor', () => {
		const allowed = new Set(ALLOWED.map(([s, tr, by]) => `${s}|${tr}|${by}`));
		let refused = 0;
		for (const state of CASE_STATES) {
			for (const transition of TRANSITION_NAMES) {
				for (const by of ACTORS) {
					if (allowed.has(`${state}|${transition}|${by}`)) continue;
					const check = checkTransition(state, transition, by, 'a reason');
					expect(check.ok, `${state} ${transition} ${by}`).toBe(false);
					refused++;
				}
			}
		}
		expect(refused).toBe(CASE_STATES.length * TRANSITION_NAMES.length * ACTORS.length - ALLOWED.length);
	});

	it('names the transitions in the table and no others', () => {
		expect(new Set(CASE_STATES.flatMap((s) => ACTORS.flatMap((a) => availableTransitions(s, a))))).toEqual(new Set(TRANSITION_NAMES));
	});

	it('refuses a school from making a youth worker’s decision', () => {
		expect(checkTransition('in_triage', 'accept', 'school')).toEqual({ ok: false, problem: 'not-allowed' });
	});

	it('asks for a reason to withdraw, hold, lift a hold, decline or close as not engaged', () => {
		expect(checkTransition('submitted', 'withdraw', 'school', '  ')).toEqual({ ok: false, problem: 'reason-required' });
		expect(checkTransition('in_triage', 'hold', 'youth_worker')).toEqual({ ok: false, problem: 'reason-required' });
		expect(checkTransition('on_hold', 'lift-hold', 'youth_worker', '')).toEqual({ ok: false, problem: 'reason-required' });
		expect(checkTransition('in_triage', 'not-suitable', 'youth_worker', null)).toEqual({ ok: false, problem: 'reason-required' });
		expect(checkTransition('in_programme', 'close-not-engaged', 'youth_worker')).toEqual({ ok: false, problem: 'reason-required' });
	});

	it('offers nothing once closed', () => {
		for (const by of ACTORS) expect(availableTransitions('closed', by)).toEqual([]);
	});
});
