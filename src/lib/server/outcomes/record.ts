import { asc, eq } from 'drizzle-orm';
import type { CaseState } from '$lib/case-states';
import { GOAL_RATING_VALUES, OUTCOME_LABELS, OUTCOMES, type GoalRating, type Outcome } from '$lib/outcomes';
import { goalField, MAX_GOALS } from '$lib/schemas/outcome';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Queryable } from '../db';
import { stopTimers } from '../referrals/timers';
import { applyTransition } from '../referrals/transition';
import { availableTransitions, type Transition } from '../referrals/workflow';
import { caseForYouthWorker } from '../triage/case';
import { newId } from '../util/ids';
import { gatherOutcome } from './facts';
import { OUTCOME_BASIS_TEXT } from './outcome-rule';

/** Each outcome is one transition of the workflow (DOMAIN.md §3 step 7). */
const TRANSITION_OF: Record<Outcome, Transition> = {
	completed: 'complete',
	partially_completed: 'complete-partially',
	did_not_engage: 'close-not-engaged',
	withdrawn: 'withdraw'
};

/** The outcomes the workflow allows from a state: from assessment, only did not engage or withdrawn. */
export function outcomesFrom(state: CaseState): Outcome[] {
	const allowed = availableTransitions(state, 'youth_worker');
	return OUTCOMES.map((o) => o.value).filter((o) => allowed.includes(TRANSITION_OF[o]));
}

async function goalsOf(q: Queryable, referralId: string) {
	return q.select({ id: t.goal.id, text: t.goal.text }).from(t.goal).where(eq(t.goal.referralId, referralId)).orderBy(asc(t.goal.position)).limit(MAX_GOALS);
}

/** The outcome page of a case the youth worker may decide (audited), or null. */
export async function outcomeForEdit(actor: Actor, referralId: string, fromReview = false) {
	const row = await caseForYouthWorker(db(), actor, referralId);
	if (!row) return null;
	const [existing] = await db().select({ id: t.caseOutcome.id }).from(t.caseOutcome).where(eq(t.caseOutcome.referralId, referralId));
	const options = existing ? [] : outcomesFrom(row.state as CaseState);
	await recordAudit(db(), actor, { action: 'outcome.viewed', recordType: 'referral', recordId: referralId, schoolId: row.schoolId });
	if (options.length === 0) return { referralId, open: false as const };
	const { proposal, coreModules } = await gatherOutcome(db(), row, { fromReview });
	return {
		referralId,
		open: true as const,
		displayName: row.displayName || 'Referral',
		version: row.version,
		fromReview,
		proposed: proposal.outcome,
		proposedLabel: OUTCOME_LABELS[proposal.outcome],
		why: OUTCOME_BASIS_TEXT[proposal.basis],
		sessionsAttended: proposal.sessionsAttended,
		coreModules,
		options: OUTCOMES.filter((o) => options.includes(o.value)).map((o) => ({ value: o.value, label: o.value === proposal.outcome ? `${o.label} (proposed)` : o.label, hint: o.hint })),
		goals: (await goalsOf(db(), referralId)).map((g, i) => ({ field: goalField(i), text: g.text }))
	};
}

export interface OutcomeInput {
	outcome: Outcome | '';
	overrideReason: string;
	outcomeOn: string;
	/** Ratings in the order the goals were set. */
	ratings: (GoalRating | '')[];
	fromReview: boolean;
}

export type OutcomeResult =
	| { ok: true; outcome: Outcome }
	| { ok: false; problem: 'not-found' | 'stale' | 'wrong-state' }
	| { ok: false; problem: 'invalid'; errors: Record<string, string> };

/**
 * Records the outcome: the youth worker confirms what the rule proposes or chooses another with a
 * reason; each goal is rated; the case moves on. "Completed" is never chosen against the rule: it is
 * what issues a certificate and what reports count, so the register must show it (DOMAIN.md §3 step 7).
 */
export async function recordOutcome(actor: Actor, referralId: string, input: OutcomeInput, expectedVersion: number, now = new Date()): Promise<OutcomeResult> {
	return db().transaction(async (tx): Promise<OutcomeResult> => {
		const row = await caseForYouthWorker(tx, actor, referralId);
		if (!row) return { ok: false, problem: 'not-found' };
		const [existing] = await tx.select({ id: t.caseOutcome.id }).from(t.caseOutcome).where(eq(t.caseOutcome.referralId, referralId));
		const allowed = existing ? [] : outcomesFrom(row.state as CaseState);
		if (allowed.length === 0) return { ok: false, problem: 'wrong-state' };
		if (row.version !== expectedVersion) return { ok: false, problem: 'stale' };
		const { proposal } = await gatherOutcome(tx, row, { fromReview: input.fromReview });
		const goals = await goalsOf(tx, referralId);
		const errors: Record<string, string> = {};
		const reason = input.overrideReason.trim();
		if (!input.outcome) errors.outcome = 'Select the outcome';
		else if (!allowed.includes(input.outcome)) errors.outcome = `A case that is ${row.state.replaceAll('_', ' ')} can only end as ${allowed.map((o) => OUTCOME_LABELS[o].toLowerCase()).join(' or ')}`;
		else if (input.outcome === 'completed' && proposal.outcome !== 'completed') errors.outcome = 'Completed needs the assessment and every core module attended: record the missing registers first';
		else if (input.outcome !== proposal.outcome && !reason) errors.overrideReason = `Give a reason for choosing ${OUTCOME_LABELS[input.outcome].toLowerCase()} instead of ${OUTCOME_LABELS[proposal.outcome].toLowerCase()}`;
		goals.forEach((g, i) => {
			if (!(GOAL_RATING_VALUES as readonly string[]).includes(input.ratings[i] ?? '')) errors[goalField(i)] = `Select how far the goal “${g.text.slice(0, 80)}” was achieved`;
		});
		if (Object.keys(errors).length > 0) return { ok: false, problem: 'invalid', errors };
		const outcome = input.outcome as Outcome;
		const overridden = outcome !== proposal.outcome;
		// The workflow needs a reason to close or withdraw; when the youth worker confirms, the rule's is it.
		const transitionReason = overridden ? reason : reason || OUTCOME_BASIS_TEXT[proposal.basis];
		const moved = await applyTransition(tx, actor, row, TRANSITION_OF[outcome], { reason: transitionReason, expectedVersion }, now);
		if (!moved.ok) return { ok: false, problem: moved.problem === 'stale' ? 'stale' : 'wrong-state' };
		await tx.insert(t.caseOutcome).values({
			id: newId(),
			referralId,
			serviceId: row.serviceId,
			schoolId: row.schoolId,
			proposed: proposal.outcome,
			outcome,
			overrideReason: overridden ? reason : null,
			outcomeOn: input.outcomeOn,
			recordedAt: now,
			recordedBy: actor.userId
		});
		for (const [i, g] of goals.entries()) {
			await tx.update(t.goal).set({ achievement: input.ratings[i], ratedAt: now, ratedBy: actor.userId }).where(eq(t.goal.id, g.id));
		}
		if (outcome !== 'completed') await stopTimers(tx, referralId, now);
		await recordAudit(tx, actor, {
			action: 'outcome.recorded',
			recordType: 'referral',
			recordId: referralId,
			serviceId: row.serviceId,
			schoolId: row.schoolId,
			detail: { outcome, proposed: proposal.outcome, overridden, goalsRated: goals.length }
		});
		return { ok: true, outcome };
	});
}
