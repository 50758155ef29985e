import { and, desc, eq, isNotNull, ne } from 'drizzle-orm';
import type { EscalationUpdateInput, NewEscalationInput } from '$lib/schemas/escalation';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Tx } from '../db';
import { referralScope } from '../referrals/scope';
import { markChildProtection, releaseHoldIfAnswered } from '../triage/triage';
import { newId } from '../util/ids';
import { checkMove, checkNew, planUpdate, type EscalationRecord, type EscalationState, type Move } from './lifecycle';
import { blankToNull, escalationActorOf, instantOf, isMadeBySchool, recordEscalationEvent, refusalMessage } from './record';
import { meetEscalationTimer, startEscalationTimers, stopEscalationTimers } from './timers';

export const ESCALATION_STALE = 'Someone else changed this escalation while you were editing. Their changes are shown; make your changes again';

export type EscalationResult =
	| { ok: true; id: string }
	| { ok: false; problem: 'not-found' }
	| { ok: false; problem: 'invalid'; field: string; message: string }
	| { ok: false; problem: 'stale'; message: string };

/** Agencies whose involvement means the case touches child protection (DOMAIN.md §3 step 3). */
const CHILD_PROTECTION_AGENCIES = ['mash', 'police'];
/** Moves whose fact the school sees in the chronology: made, decided, closed, withdrawn. */
const SCHOOL_FACTS: readonly Move[] = ['send', 'decide', 'close', 'withdraw'];

async function caseInScope(tx: Tx, actor: Actor, referralId: string) {
	const [row] = await tx
		.select({ id: t.referral.id, serviceId: t.referral.serviceId, schoolId: t.referral.schoolId, state: t.referral.state })
		.from(t.referral)
		.where(and(eq(t.referral.id, referralId), referralScope(actor), ne(t.referral.state, 'draft')));
	return row ?? null;
}

/** Whether the case's latest triage decision listed this agency among the escalations the rules require. */
async function requiredByTriage(tx: Tx, referralId: string, agency: string): Promise<boolean> {
	const [round] = await tx
		.select({ required: t.triage.requiredEscalations })
		.from(t.triage)
		.where(and(eq(t.triage.referralId, referralId), isNotNull(t.triage.decidedAt)))
		.orderBy(desc(t.triage.round))
		.limit(1);
	const list: unknown = JSON.parse(round?.required ?? '[]');
	return Array.isArray(list) && list.some((e: unknown) => typeof e === 'object' && e !== null && (e as { agency?: unknown }).agency === agency);
}

/** The escalation, if the actor may change it: a youth worker any in the service, the school its own. */
async function escalationInScope(tx: Tx, actor: Actor, referralId: string, escalationId: string) {
	const referral = await caseInScope(tx, actor, referralId);
	if (!referral) return null;
	const [row] = await tx
		.select()
		.from(t.escalation)
		.where(and(eq(t.escalation.id, escalationId), eq(t.escalation.referralId, referralId), eq(t.escalation.serviceId, actor.serviceId)));
	if (!row || (escalationActorOf(actor) === 'school' && !isMadeBySchool(row))) return null;
	return { referral, row };
}

/**
 * Records an escalation (any number, from any state of the case), in one transaction with its
 * chronology entry and audit row. A MASH or police escalation marks the case as touching child
 * protection; a MASH escalation that was made starts its timers.
 */
export async function createEscalation(actor: Actor, referralId: string, input: NewEscalationInput, now = new Date()): Promise<EscalationResult> {
	if (!escalationActorOf(actor)) return { ok: false, problem: 'not-found' };
	const made = input.made === 'yes';
	const record: EscalationRecord = {
		agency: input.agency,
		method: made ? blankToNull(input.method) : null,
		sentAt: made ? instantOf('sent', input) : null,
		writtenReferralAt: null,
		lawfulBasis: blankToNull(input.lawfulBasis),
		acknowledgedAt: null,
		decision: null,
		decisionAt: null,
		outcome: null
	};
	const check = checkNew(record, now);
	if (!check.ok) return { ok: false, problem: 'invalid', ...refusalMessage(check) };
	return db().transaction(async (tx) => {
		const referral = await caseInScope(tx, actor, referralId);
		if (!referral) return { ok: false as const, problem: 'not-found' as const };
		const id = newId();
		const row = { id, referralId, serviceId: referral.serviceId, schoolId: referral.schoolId, ...record, reference: blankToNull(input.reference) };
		const required = await requiredByTriage(tx, referralId, record.agency);
		await tx.insert(t.escalation).values({ ...row, state: check.state, required, createdBy: actor.userId, createdByRole: actor.role, createdAt: now, updatedAt: now });
		if (CHILD_PROTECTION_AGENCIES.includes(record.agency)) await markChildProtection(tx, referralId, actor, now);
		await startEscalationTimers(tx, referral, row);
		await recordEscalationEvent(tx, actor, referral, { agency: record.agency, from: null, to: check.state, schoolFact: check.state === 'sent', note: blankToNull(input.note) }, now);
		await recordAudit(tx, actor, {
			action: 'escalation.created',
			recordType: 'escalation',
			recordId: id,
			schoolId: referral.schoolId,
			detail: { referralId, agency: record.agency, state: check.state }
		});
		return { ok: true as const, id };
	});
}

/**
 * Records progress (acknowledgement, decision, outcome, next action, the written referral…) from the
 * version the person read; a stale save changes nothing (SECURITY.md 20). Each step is checked by the
 * lifecycle. The decision meets the MASH decision timer and may release a hold on the case.
 */
export async function updateEscalation(actor: Actor, referralId: string, escalationId: string, input: EscalationUpdateInput, now = new Date()): Promise<EscalationResult> {
	const by = escalationActorOf(actor);
	if (!by) return { ok: false, problem: 'not-found' };
	return db().transaction(async (tx) => {
		const found = await escalationInScope(tx, actor, referralId, escalationId);
		if (!found) return { ok: false as const, problem: 'not-found' as const };
		const { referral, row } = found;
		if (row.version !== input.version) return { ok: false as const, problem: 'stale' as const, message: ESCALATION_STALE };
		const made = row.sentAt !== null || input.made === 'yes';
		const next: EscalationRecord = {
			agency: row.agency,
			method: row.sentAt ? row.method : made ? blankToNull(input.method) : null,
			sentAt: row.sentAt ?? (made ? instantOf('sent', input) : null),
			writtenReferralAt: instantOf('written', input),
			lawfulBasis: blankToNull(input.lawfulBasis),
			acknowledgedAt: instantOf('acknowledged', input),
			decision: blankToNull(input.decision),
			decisionAt: instantOf('decision', input),
			outcome: blankToNull(input.outcome)
		};
		const current = { ...row, state: row.state as EscalationState, madeBySchool: isMadeBySchool(row) };
		const plan = planUpdate(current, next, { by, close: input.close === 'yes', now });
		if (!plan.ok) return { ok: false as const, problem: 'invalid' as const, ...refusalMessage(plan) };
		const updated = await tx
			.update(t.escalation)
			.set({ ...next, reference: blankToNull(input.reference), nextAction: blankToNull(input.nextAction), state: plan.to, version: row.version + 1, updatedAt: now })
			.where(and(eq(t.escalation.id, row.id), eq(t.escalation.version, row.version)))
			.returning({ id: t.escalation.id });
		if (updated.length !== 1) return { ok: false as const, problem: 'stale' as const, message: ESCALATION_STALE };

		if (plan.moves.includes('send')) await startEscalationTimers(tx, referral, { ...next, id: row.id });
		else if (next.writtenReferralAt && !row.writtenReferralAt) await meetEscalationTimer(tx, referralId, row.id, 'mash-written-referral', next.writtenReferralAt);
		if (plan.moves.includes('decide') && next.decisionAt) await meetEscalationTimer(tx, referralId, row.id, 'mash-decision', next.decisionAt);
		if (plan.moves.includes('close')) await stopEscalationTimers(tx, referralId, row.id, now);
		if (referral.state === 'on_hold' && (plan.moves.includes('decide') || plan.moves.includes('close'))) await releaseHoldIfAnswered(tx, actor, referralId, now);

		const schoolFact = plan.moves.some((m) => SCHOOL_FACTS.includes(m));
		await recordEscalationEvent(tx, actor, referral, { agency: row.agency, from: current.state, to: plan.to, schoolFact, note: blankToNull(input.note) }, now);
		await recordAudit(tx, actor, {
			action: 'escalation.updated',
			recordType: 'escalation',
			recordId: row.id,
			schoolId: referral.schoolId,
			detail: { referralId, from: current.state, to: plan.to, moves: plan.moves.join(',') }
		});
		return { ok: true as const, id: row.id };
	});
}

/** Withdraws an escalation not made after all, or made in error; the reason goes in the chronology. */
export async function withdrawEscalation(actor: Actor, referralId: string, escalationId: string, reason: string, version: number, now = new Date()): Promise<EscalationResult> {
	const by = escalationActorOf(actor);
	if (!by) return { ok: false, problem: 'not-found' };
	return db().transaction(async (tx) => {
		const found = await escalationInScope(tx, actor, referralId, escalationId);
		if (!found) return { ok: false as const, problem: 'not-found' as const };
		const { referral, row } = found;
		if (row.version !== version) return { ok: false as const, problem: 'stale' as const, message: ESCALATION_STALE };
		const from = row.state as EscalationState;
		const check = checkMove(from, 'withdraw', by, { madeBySchool: isMadeBySchool(row), reason });
		if (!check.ok) return { ok: false as const, problem: 'invalid' as const, ...refusalMessage(check) };
		const updated = await tx
			.update(t.escalation)
			.set({ state: check.to, version: row.version + 1, updatedAt: now })
			.where(and(eq(t.escalation.id, row.id), eq(t.escalation.version, row.version)))
			.returning({ id: t.escalation.id });
		if (updated.length !== 1) return { ok: false as const, problem: 'stale' as const, message: ESCALATION_STALE };
		await stopEscalationTimers(tx, referralId, row.id, now);
		if (referral.state === 'on_hold') await releaseHoldIfAnswered(tx, actor, referralId, now);
		await recordEscalationEvent(tx, actor, referral, { agency: row.agency, from, to: check.to, schoolFact: row.sentAt !== null, note: reason }, now);
		await recordAudit(tx, actor, { action: 'escalation.withdrawn', recordType: 'escalation', recordId: row.id, schoolId: referral.schoolId, detail: { referralId, from } });
		return { ok: true as const, id: row.id };
	});
}
