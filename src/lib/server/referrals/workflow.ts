import type { CaseState } from '$lib/case-states';

/**
 * The whole path of one referral as a pure state machine (DOMAIN.md §3). Later issues add
 * preconditions (e.g. "every core module attended") in their own modules, not states.
 *
 * Who may act: `school` is the pupil's school's DSL or deputy DSL; `youth_worker` is any youth worker
 * of the service; `system` is a scheduled job. Provider admins, governors and commissioners make no
 * transitions.
 */
export type WorkflowActor = 'school' | 'youth_worker' | 'system';

export const TRANSITIONS = {
	submit: { from: ['draft'], to: 'submitted', by: ['school'], reason: false },
	'start-triage': { from: ['submitted'], to: 'in_triage', by: ['youth_worker'], reason: false },
	accept: { from: ['in_triage', 'on_hold'], to: 'accepted', by: ['youth_worker'], reason: false },
	hold: { from: ['in_triage'], to: 'on_hold', by: ['youth_worker'], reason: true },
	'lift-hold': { from: ['on_hold'], to: 'accepted', by: ['youth_worker'], reason: true },
	/** Every escalation of a held case has its answer: the system releases the hold (issue 6). */
	'release-hold': { from: ['on_hold'], to: 'accepted', by: ['system'], reason: true },
	'not-suitable': { from: ['in_triage', 'on_hold'], to: 'not_suitable', by: ['youth_worker'], reason: true },
	'start-assessment': { from: ['accepted'], to: 'in_assessment', by: ['youth_worker'], reason: false },
	'return-to-triage': { from: ['accepted', 'in_assessment', 'in_programme'], to: 'in_triage', by: ['youth_worker'], reason: true },
	'start-programme': { from: ['in_assessment'], to: 'in_programme', by: ['youth_worker'], reason: false },
	complete: { from: ['in_programme'], to: 'completed', by: ['youth_worker'], reason: false },
	'complete-partially': { from: ['in_programme'], to: 'partially_completed', by: ['youth_worker'], reason: false },
	'close-not-engaged': { from: ['accepted', 'in_assessment', 'in_programme'], to: 'did_not_engage', by: ['youth_worker'], reason: true },
	withdraw: {
		from: ['submitted', 'in_triage', 'on_hold', 'accepted', 'in_assessment', 'in_programme'],
		to: 'withdrawn',
		by: ['school', 'youth_worker'],
		reason: true
	},
	'follow-up-due': { from: ['completed', 'partially_completed', 'did_not_engage'], to: 'follow_up_due', by: ['system'], reason: false },
	'record-follow-up': { from: ['follow_up_due'], to: 'closed', by: ['school', 'youth_worker'], reason: false },
	'follow-up-not-returned': { from: ['follow_up_due'], to: 'closed', by: ['system'], reason: false },
	/**
	 * A follow-up was recorded (or not returned) and a later one (12 months) is still to come: the case
	 * waits in its outcome state again until that one falls due.
	 */
	'await-next-follow-up-completed': { from: ['follow_up_due'], to: 'completed', by: ['school', 'youth_worker', 'system'], reason: false },
	'await-next-follow-up-partially-completed': { from: ['follow_up_due'], to: 'partially_completed', by: ['school', 'youth_worker', 'system'], reason: false },
	'await-next-follow-up-did-not-engage': { from: ['follow_up_due'], to: 'did_not_engage', by: ['school', 'youth_worker', 'system'], reason: false },
	close: { from: ['not_suitable', 'withdrawn'], to: 'closed', by: ['youth_worker', 'system'], reason: false }
} as const satisfies Record<string, { from: readonly CaseState[]; to: CaseState; by: readonly WorkflowActor[]; reason: boolean }>;

export type Transition = keyof typeof TRANSITIONS;

export type TransitionCheck =
	| { ok: true; to: CaseState }
	| { ok: false; problem: 'wrong-state' | 'not-allowed' | 'reason-required' };

/** Whether `by` may make `transition` from `state`, and where it leads. */
export function checkTransition(state: CaseState, transition: Transition, by: WorkflowActor, reason?: string | null): TransitionCheck {
	const rule = TRANSITIONS[transition];
	if (!(rule.from as readonly CaseState[]).includes(state)) return { ok: false, problem: 'wrong-state' };
	if (!(rule.by as readonly WorkflowActor[]).includes(by)) return { ok: false, problem: 'not-allowed' };
	if (rule.reason && !reason?.trim()) return { ok: false, problem: 'reason-required' };
	return { ok: true, to: rule.to };
}

/** The transitions `by` could make now, for showing the right buttons. */
export function availableTransitions(state: CaseState, by: WorkflowActor): Transition[] {
	return (Object.keys(TRANSITIONS) as Transition[]).filter((name) => {
		const rule = TRANSITIONS[name];
		return (rule.from as readonly CaseState[]).includes(state) && (rule.by as readonly WorkflowActor[]).includes(by);
	});
}

/** States from which nothing more happens to the case itself. */
export function isFinished(state: CaseState): boolean {
	return state === 'closed';
}
