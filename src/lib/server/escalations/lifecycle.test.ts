import { describe, expect, it } from 'vitest';
import { checkMove, checkNew, isAnswered, needsWrittenReferral, planUpdate, type EscalationRecord, type EscalationState, type Move } from './lifecycle';

const NOW = new Date('2026-11-10T12:00:00Z');
const at = (iso: string) => new Date(iso);

/** Every state × move for a youth worker, as literals: the state it leads to, or why not. */
const EXPECTED: Record<EscalationState, Record<Move, string>> = {
	planned: { send: 'sent', acknowledge: 'wrong-state', decide: 'wrong-state', close: 'wrong-state', withdraw: 'withdrawn', amend: 'planned' },
	sent: { send: 'wrong-state', acknowledge: 'acknowledged', decide: 'decided', close: 'closed', withdraw: 'withdrawn', amend: 'sent' },
	acknowledged: { send: 'wrong-state', acknowledge: 'wrong-state', decide: 'decided', close: 'closed', withdraw: 'withdrawn', amend: 'acknowledged' },
	decided: { send: 'wrong-state', acknowledge: 'wrong-state', decide: 'wrong-state', close: 'closed', withdraw: 'wrong-state', amend: 'decided' },
	closed: { send: 'wrong-state', acknowledge: 'wrong-state', decide: 'wrong-state', close: 'wrong-state', withdraw: 'wrong-state', amend: 'closed' },
	withdrawn: { send: 'wrong-state', acknowledge: 'wrong-state', decide: 'wrong-state', close: 'wrong-state', withdraw: 'wrong-state', amend: 'wrong-state' }
};

const cases = Object.entries(EXPECTED).flatMap(([state, moves]) => Object.entries(moves).map(([move, expected]) => [state, move, expected] as [EscalationState, Move, string]));
const outcomeOf = (check: ReturnType<typeof checkMove>) => (check.ok ? check.to : check.problem);

describe('the escalation lifecycle', () => {
	it.each(cases)('from %s, %s by a youth worker gives %s', (state, move, expected) => {
		expect(outcomeOf(checkMove(state, move, 'youth_worker', { madeBySchool: false, reason: 'A reason' }))).toBe(expected);
	});

	it.each(cases)('from %s, %s by the school that made it gives %s', (state, move, expected) => {
		expect(outcomeOf(checkMove(state, move, 'school', { madeBySchool: true, reason: 'A reason' }))).toBe(expected);
	});

	it.each(cases.filter(([, , expected]) => expected !== 'wrong-state'))('refuses %s → %s by a school that did not make it', (state, move) => {
		expect(outcomeOf(checkMove(state, move, 'school', { madeBySchool: false, reason: 'A reason' }))).toBe('not-allowed');
	});

	it('refuses a withdrawal without a reason', () => {
		expect(outcomeOf(checkMove('sent', 'withdraw', 'youth_worker', { madeBySchool: false }))).toBe('reason-required');
		expect(outcomeOf(checkMove('planned', 'withdraw', 'youth_worker', { madeBySchool: false, reason: '   ' }))).toBe('reason-required');
	});

	it('counts only a decided or closed escalation as answered', () => {
		expect(['planned', 'sent', 'acknowledged', 'decided', 'closed', 'withdrawn'].filter((s) => isAnswered(s as EscalationState))).toEqual(['decided', 'closed']);
	});

	it('asks for a written referral after a MASH phone call or visit, not after a written one or to another agency', () => {
		expect(needsWrittenReferral({ agency: 'mash', method: 'phone' })).toBe(true);
		expect(needsWrittenReferral({ agency: 'mash', method: 'in_person' })).toBe(true);
		expect(needsWrittenReferral({ agency: 'mash', method: 'secure_email' })).toBe(false);
		expect(needsWrittenReferral({ agency: 'mash', method: 'online_portal' })).toBe(false);
		expect(needsWrittenReferral({ agency: 'police', method: 'phone' })).toBe(false);
		expect(needsWrittenReferral({ agency: 'mash', method: null })).toBe(false);
	});
});

const empty: EscalationRecord = {
	agency: 'mash',
	method: null,
	sentAt: null,
	writtenReferralAt: null,
	lawfulBasis: null,
	acknowledgedAt: null,
	decision: null,
	decisionAt: null,
	outcome: null
};
const sentMash: EscalationRecord = { ...empty, method: 'phone', sentAt: at('2026-11-10T09:00:00Z'), lawfulBasis: 'safeguarding' };
const current = (record: EscalationRecord, state: EscalationState, madeBySchool = false) => ({ ...record, state, madeBySchool });
const yw = { by: 'youth_worker' as const, close: false, now: NOW };

describe('a new escalation', () => {
	it('is planned without a time sent, and sent with one', () => {
		expect(checkNew(empty, NOW)).toEqual({ ok: true, state: 'planned' });
		expect(checkNew(sentMash, NOW)).toEqual({ ok: true, state: 'sent' });
	});

	it('needs the method and the lawful basis once made', () => {
		expect(checkNew({ ...sentMash, method: null }, NOW)).toEqual({ ok: false, problem: 'missing', field: 'method' });
		expect(checkNew({ ...sentMash, lawfulBasis: null }, NOW)).toEqual({ ok: false, problem: 'missing', field: 'lawfulBasis' });
	});

	it('refuses an agency that is not on the list, and a time sent in the future', () => {
		expect(checkNew({ ...sentMash, agency: 'astrologer' }, NOW)).toEqual({ ok: false, problem: 'unknown-agency', field: 'agency' });
		expect(checkNew({ ...sentMash, sentAt: at('2026-11-10T12:05:00Z') }, NOW)).toEqual({ ok: false, problem: 'future', field: 'sentAt' });
		expect(checkNew({ ...sentMash, sentAt: at('2026-11-10T12:00:30Z') }, NOW)).toEqual({ ok: true, state: 'sent' });
	});
});

describe('an update to an escalation', () => {
	it('records the sending, the acknowledgement and the decision in one save, step by step', () => {
		const next = { ...sentMash, acknowledgedAt: at('2026-11-10T09:30:00Z'), decision: 'Strategy discussion', decisionAt: at('2026-11-10T11:00:00Z') };
		expect(planUpdate(current(empty, 'planned'), next, yw)).toEqual({ ok: true, moves: ['send', 'acknowledge', 'decide'], to: 'decided' });
	});

	it('goes from made to decided without an acknowledgement', () => {
		const next = { ...sentMash, decision: 'No further action', decisionAt: at('2026-11-10T11:00:00Z') };
		expect(planUpdate(current(sentMash, 'sent'), next, yw)).toEqual({ ok: true, moves: ['decide'], to: 'decided' });
	});

	it('closes a decided MASH escalation with its outcome', () => {
		const decided = { ...sentMash, decision: 'Section 17 assessment', decisionAt: at('2026-11-10T11:00:00Z') };
		expect(planUpdate(current(decided, 'decided'), { ...decided, outcome: 'Allocated a social worker' }, { ...yw, close: true })).toEqual({ ok: true, moves: ['close'], to: 'closed' });
	});

	it('will not close a MASH escalation before its decision', () => {
		expect(planUpdate(current(sentMash, 'sent'), { ...sentMash, outcome: 'Nothing heard' }, { ...yw, close: true })).toEqual({ ok: false, problem: 'decision-first' });
	});

	it('closes another agency’s escalation with an outcome and no decision', () => {
		const police = { ...sentMash, agency: 'police' };
		expect(planUpdate(current(police, 'sent'), { ...police, outcome: 'Officer attended' }, { ...yw, close: true })).toEqual({ ok: true, moves: ['close'], to: 'closed' });
	});

	it('will not close without an outcome, nor close one never made', () => {
		const police = { ...sentMash, agency: 'police' };
		expect(planUpdate(current(police, 'sent'), police, { ...yw, close: true })).toEqual({ ok: false, problem: 'missing', field: 'outcome' });
		const planned = { ...empty, agency: 'police' };
		expect(planUpdate(current(planned, 'planned'), { ...planned, outcome: 'x' }, { ...yw, close: true })).toEqual({ ok: false, problem: 'not-made', field: 'outcome' });
	});

	it('records a written referral after a MASH phone call as an amendment', () => {
		expect(planUpdate(current(sentMash, 'sent'), { ...sentMash, writtenReferralAt: at('2026-11-10T10:00:00Z') }, yw)).toEqual({ ok: true, moves: ['amend'], to: 'sent' });
	});

	it('refuses a written referral for an escalation made in writing', () => {
		const written = { ...sentMash, method: 'secure_email' };
		expect(planUpdate(current(written, 'sent'), { ...written, writtenReferralAt: at('2026-11-10T10:00:00Z') }, yw)).toEqual({ ok: false, problem: 'not-phone', field: 'writtenReferralAt' });
	});

	it('keeps the agency, method and time sent fixed once made', () => {
		expect(planUpdate(current(sentMash, 'sent'), { ...sentMash, sentAt: at('2026-11-10T08:00:00Z') }, yw)).toEqual({ ok: false, problem: 'fixed', field: 'sentAt' });
		expect(planUpdate(current(sentMash, 'sent'), { ...sentMash, method: 'letter' }, yw)).toEqual({ ok: false, problem: 'fixed', field: 'method' });
		expect(planUpdate(current(sentMash, 'sent'), { ...sentMash, agency: 'police' }, yw)).toEqual({ ok: false, problem: 'fixed', field: 'agency' });
	});

	it('lets a recorded decision be corrected but not removed', () => {
		const decided = { ...sentMash, decision: 'Section 17', decisionAt: at('2026-11-10T11:00:00Z') };
		expect(planUpdate(current(decided, 'decided'), { ...decided, decision: 'Section 47' }, yw)).toEqual({ ok: true, moves: ['amend'], to: 'decided' });
		expect(planUpdate(current(decided, 'decided'), { ...decided, decision: null, decisionAt: null }, yw)).toEqual({ ok: false, problem: 'cannot-remove', field: 'decision' });
	});

	it('refuses times before it was made, or in the future, and a decision without its time', () => {
		expect(planUpdate(current(sentMash, 'sent'), { ...sentMash, acknowledgedAt: at('2026-11-10T08:59:00Z') }, yw)).toEqual({ ok: false, problem: 'before-sent', field: 'acknowledgedAt' });
		expect(planUpdate(current(sentMash, 'sent'), { ...sentMash, decision: 'x', decisionAt: at('2026-11-11T09:00:00Z') }, yw)).toEqual({ ok: false, problem: 'future', field: 'decisionAt' });
		expect(planUpdate(current(sentMash, 'sent'), { ...sentMash, decision: 'x' }, yw)).toEqual({ ok: false, problem: 'missing', field: 'decisionAt' });
		expect(planUpdate(current(sentMash, 'sent'), { ...sentMash, decisionAt: at('2026-11-10T11:00:00Z') }, yw)).toEqual({ ok: false, problem: 'missing', field: 'decision' });
	});

	it('refuses any change to a withdrawn escalation', () => {
		expect(planUpdate(current(sentMash, 'withdrawn'), sentMash, yw)).toEqual({ ok: false, problem: 'wrong-state' });
	});

	it('lets a school update only an escalation the school made', () => {
		const next = { ...sentMash, acknowledgedAt: at('2026-11-10T09:30:00Z') };
		expect(planUpdate(current(sentMash, 'sent', false), next, { ...yw, by: 'school' })).toEqual({ ok: false, problem: 'not-allowed' });
		expect(planUpdate(current(sentMash, 'sent', true), next, { ...yw, by: 'school' })).toEqual({ ok: true, moves: ['acknowledge'], to: 'acknowledged' });
	});
});
