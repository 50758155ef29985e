import { isEscalationAgency } from '$lib/escalation-agencies';

/**
 * The life of one escalation to another agency (DOMAIN.md §3 step 4), as a pure state machine. Each
 * escalation has its own state, whatever the state of the case (escalations happen "from any state").
 *
 *   planned ──send──▶ sent ──acknowledge──▶ acknowledged ──decide──▶ decided ──close──▶ closed
 *                      │  └──────────────decide──────────────────────▲             ▲
 *                      └──────────close (not MASH: a MASH referral is answered by its decision)
 *   planned | sent | acknowledged ──withdraw (with a reason)──▶ withdrawn
 *   amend: anything else changed (reference, lawful basis, written referral, next action…), no move.
 *
 * - planned: it has to be made (a required escalation, say) and has not been yet;
 * - sent: made, by a method, at a time, on a lawful basis (consent, or safeguarding without consent);
 * - acknowledged: the agency confirmed it has it;
 * - decided: the agency's decision and its time are recorded (this is what answers a hold);
 * - closed: the outcome is recorded and nothing more is expected from the agency;
 * - withdrawn: not made after all, or made in error; the reason is kept in the chronology.
 *
 * Evidence rules: once made, its agency, method and time sent are fixed (a mistake is withdrawn with a
 * reason and recorded again); a recorded acknowledgement, decision, outcome or written referral can
 * be corrected but not removed. Who: any youth worker of the service; a safeguarding lead of the
 * pupil's school only for an escalation the school made.
 */
export const ESCALATION_STATES = ['planned', 'sent', 'acknowledged', 'decided', 'closed', 'withdrawn'] as const;
export type EscalationState = (typeof ESCALATION_STATES)[number];

export const ESCALATION_STATE_LABELS: Record<EscalationState, string> = {
	planned: 'Not made yet',
	sent: 'Made',
	acknowledged: 'Acknowledged',
	decided: 'Decision made',
	closed: 'Closed',
	withdrawn: 'Withdrawn'
};

/** GOV.UK tag colour modifiers. */
export const ESCALATION_STATE_TAGS: Record<EscalationState, string> = {
	planned: 'orange',
	sent: 'blue',
	acknowledged: 'light-blue',
	decided: 'turquoise',
	closed: 'green',
	withdrawn: 'grey'
};

export type EscalationActor = 'youth_worker' | 'school';

const OPEN = ['planned', 'sent', 'acknowledged', 'decided', 'closed'] as const;

export const MOVES = {
	send: { from: ['planned'], to: 'sent', reason: false },
	acknowledge: { from: ['sent'], to: 'acknowledged', reason: false },
	decide: { from: ['sent', 'acknowledged'], to: 'decided', reason: false },
	close: { from: ['sent', 'acknowledged', 'decided'], to: 'closed', reason: false },
	withdraw: { from: ['planned', 'sent', 'acknowledged'], to: 'withdrawn', reason: true },
	amend: { from: OPEN, to: null, reason: false }
} as const satisfies Record<string, { from: readonly EscalationState[]; to: EscalationState | null; reason: boolean }>;

export type Move = keyof typeof MOVES;

/** The facts the rules look at, as they would be stored. */
export interface EscalationRecord {
	agency: string;
	method: string | null;
	sentAt: Date | null;
	writtenReferralAt: Date | null;
	lawfulBasis: string | null;
	acknowledgedAt: Date | null;
	decision: string | null;
	decisionAt: Date | null;
	outcome: string | null;
}
export type RecordField = keyof EscalationRecord;

export type Refusal =
	| { ok: false; problem: 'wrong-state' | 'not-allowed' | 'reason-required' | 'decision-first' }
	| { ok: false; problem: 'missing' | 'fixed' | 'cannot-remove' | 'before-sent' | 'future' | 'not-made' | 'not-phone' | 'unknown-agency'; field: RecordField };

export type MoveCheck = { ok: true; to: EscalationState } | Refusal;

/** Written methods: a phone call (or a word in person) to MASH is followed by one of these. */
export const WRITTEN_METHODS: readonly string[] = ['secure_email', 'online_portal', 'letter'];
/** A typed time may be up to a minute ahead of the server's clock. */
const FUTURE_SLACK_MS = 60_000;

export function mayUpdate(by: EscalationActor, madeBySchool: boolean): boolean {
	return by === 'youth_worker' || madeBySchool;
}

/** Whether `by` may make `move` from `state`, and where it leads. */
export function checkMove(state: EscalationState, move: Move, by: EscalationActor, options: { madeBySchool: boolean; reason?: string | null }): MoveCheck {
	const rule = MOVES[move];
	if (!(rule.from as readonly EscalationState[]).includes(state)) return { ok: false, problem: 'wrong-state' };
	if (!mayUpdate(by, options.madeBySchool)) return { ok: false, problem: 'not-allowed' };
	if (rule.reason && !options.reason?.trim()) return { ok: false, problem: 'reason-required' };
	return { ok: true, to: rule.to ?? state };
}

/** A MASH escalation made by phone (or in person) needs the written referral within 24 hours. */
export function needsWrittenReferral(record: Pick<EscalationRecord, 'agency' | 'method'>): boolean {
	return record.agency === 'mash' && record.method !== null && !WRITTEN_METHODS.includes(record.method);
}

/** An escalation has its answer once the agency's decision is in, or it is closed with an outcome. */
export function isAnswered(state: EscalationState): boolean {
	return state === 'decided' || state === 'closed';
}

/** The facts on their own: what goes with what, in what order, and nothing in the future. */
export function checkFacts(r: EscalationRecord, now: Date): { ok: true } | Refusal {
	const fail = (problem: Extract<Refusal, { field: RecordField }>['problem'], field: RecordField) => ({ ok: false as const, problem, field });
	if (!isEscalationAgency(r.agency)) return fail('unknown-agency', 'agency');
	const latest = now.getTime() + FUTURE_SLACK_MS;
	if (r.sentAt) {
		if (!r.method) return fail('missing', 'method');
		if (!r.lawfulBasis) return fail('missing', 'lawfulBasis');
		if (r.sentAt.getTime() > latest) return fail('future', 'sentAt');
	}
	for (const field of ['writtenReferralAt', 'acknowledgedAt', 'decisionAt'] as const) {
		const at = r[field];
		if (!at) continue;
		if (!r.sentAt) return fail('not-made', field);
		if (at < r.sentAt) return fail('before-sent', field);
		if (at.getTime() > latest) return fail('future', field);
	}
	if ((r.decision || r.outcome) && !r.sentAt) return fail('not-made', r.decision ? 'decision' : 'outcome');
	if (r.decision && !r.decisionAt) return fail('missing', 'decisionAt');
	if (r.decisionAt && !r.decision) return fail('missing', 'decision');
	if (r.writtenReferralAt && !needsWrittenReferral(r)) return fail('not-phone', 'writtenReferralAt');
	return { ok: true };
}

/** A new escalation: made already (sent) or still to make (planned). */
export function checkNew(record: EscalationRecord, now: Date): { ok: true; state: EscalationState } | Refusal {
	const facts = checkFacts(record, now);
	if (!facts.ok) return facts;
	return { ok: true, state: record.sentAt ? 'sent' : 'planned' };
}

const REMOVABLE_NEVER: readonly RecordField[] = ['writtenReferralAt', 'lawfulBasis', 'acknowledgedAt', 'decision', 'decisionAt', 'outcome'];

/**
 * The moves one save makes, in order: a single form can record the acknowledgement, the decision and
 * the outcome at once, each step checked by the machine. `close` asks to close it too.
 */
export function planUpdate(
	current: EscalationRecord & { state: EscalationState; madeBySchool: boolean },
	next: EscalationRecord,
	options: { by: EscalationActor; close: boolean; now: Date }
): { ok: true; moves: Move[]; to: EscalationState } | Refusal {
	if (current.state === 'withdrawn') return { ok: false, problem: 'wrong-state' };
	if (!mayUpdate(options.by, current.madeBySchool)) return { ok: false, problem: 'not-allowed' };
	if (next.agency !== current.agency) return { ok: false, problem: 'fixed', field: 'agency' };
	if (current.sentAt) {
		if (next.sentAt?.getTime() !== current.sentAt.getTime()) return { ok: false, problem: 'fixed', field: 'sentAt' };
		if (next.method !== current.method) return { ok: false, problem: 'fixed', field: 'method' };
	}
	for (const field of REMOVABLE_NEVER) {
		if (current[field] !== null && next[field] === null) return { ok: false, problem: 'cannot-remove', field };
	}
	const facts = checkFacts(next, options.now);
	if (!facts.ok) return facts;

	let state: EscalationState = current.state;
	const moves: Move[] = [];
	const step = (move: Move): Refusal | null => {
		const check = checkMove(state, move, options.by, { madeBySchool: current.madeBySchool });
		if (!check.ok) return check;
		state = check.to;
		moves.push(move);
		return null;
	};
	const refused =
		(state === 'planned' && next.sentAt ? step('send') : null) ??
		(state === 'sent' && next.acknowledgedAt ? step('acknowledge') : null) ??
		((state === 'sent' || state === 'acknowledged') && next.decision ? step('decide') : null);
	if (refused) return refused;
	if (options.close && state !== 'closed') {
		if (!next.outcome) return { ok: false, problem: 'missing', field: 'outcome' };
		if (current.agency === 'mash' && state !== 'decided') return { ok: false, problem: 'decision-first' };
		const closing = step('close');
		if (closing) return closing;
	}
	if (moves.length === 0) {
		const amending = step('amend');
		if (amending) return amending;
	}
	return { ok: true, moves, to: state };
}
