import { and, desc, eq } from 'drizzle-orm';
import { CASE_STATE_LABELS, type CaseState } from '$lib/case-states';
import { MAX_SUSPENSION_DAYS, REASON_MAX, SCHOOL_DECISION_LABELS, SCHOOL_DECISION_VALUES, type SchoolDecision } from '$lib/schemas/triage';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Queryable } from '../db';
import { recordCaseEvent } from '../referrals/events';
import { applyTransition } from '../referrals/transition';
import { referralScope } from '../referrals/scope';

/**
 * When diversion does not go ahead (not suitable, withdrawn, did not engage, partially completed), the
 * school's DSL records what the school then decided, so that "exclusions avoided" is never overstated
 * (DOMAIN.md §3 step 2). The note, free text, lives in the chronology only.
 */
export const FALLBACK_STATES: readonly CaseState[] = ['not_suitable', 'withdrawn', 'did_not_engage', 'partially_completed'];
/** States a case reaches after its outcome, whatever it was. */
const AFTER_OUTCOME: readonly CaseState[] = ['follow_up_due', 'closed'];

/**
 * Whether the school's decision can be recorded: diversion did not go ahead. A case that has moved on
 * to follow-up or closure still can, unless its outcome was completed (a closed case without an
 * outcome was not suitable or withdrawn).
 */
export async function fallbackOpen(q: Queryable, row: { id: string; state: string }): Promise<boolean> {
	if (FALLBACK_STATES.includes(row.state as CaseState)) return true;
	if (!AFTER_OUTCOME.includes(row.state as CaseState)) return false;
	const [outcome] = await q.select({ outcome: t.caseOutcome.outcome }).from(t.caseOutcome).where(eq(t.caseOutcome.referralId, row.id));
	return outcome?.outcome !== 'completed';
}

export interface SchoolDecisionInput {
	decision: SchoolDecision | '';
	days: number | null;
	note: string;
}

async function schoolCase(q: Queryable, actor: Actor, referralId: string) {
	if (actor.role !== 'dsl' && actor.role !== 'deputy_dsl') return null;
	const [row] = await q
		.select()
		.from(t.referral)
		.where(and(eq(t.referral.id, referralId), referralScope(actor), eq(t.referral.schoolId, actor.schoolId ?? '')));
	return row && row.state !== 'draft' ? row : null;
}

async function latestNote(q: Queryable, referralId: string): Promise<string | null> {
	const [event] = await q
		.select({ reason: t.caseEvent.reason })
		.from(t.caseEvent)
		.where(and(eq(t.caseEvent.referralId, referralId), eq(t.caseEvent.kind, 'school-decision')))
		.orderBy(desc(t.caseEvent.id))
		.limit(1);
	return event?.reason ?? null;
}

/** The school's decision as recorded, for display. */
export async function schoolDecisionOf(
	q: Queryable,
	row: { id: string; fallbackDecision: string | null; fallbackDays: number | null; fallbackRecordedAt: Date | null }
) {
	if (!row.fallbackDecision) return null;
	return {
		decision: row.fallbackDecision as SchoolDecision,
		label: SCHOOL_DECISION_LABELS[row.fallbackDecision as SchoolDecision] ?? row.fallbackDecision,
		days: row.fallbackDays,
		note: await latestNote(q, row.id),
		recordedAt: row.fallbackRecordedAt?.toISOString() ?? null
	};
}

/** The school-decision form of a case (audited), or null when the actor may not record it. */
export async function schoolDecisionForEdit(actor: Actor, referralId: string) {
	const row = await schoolCase(db(), actor, referralId);
	if (!row) return null;
	await recordAudit(db(), actor, { action: 'referral.fallback-viewed', recordType: 'referral', recordId: referralId });
	const current = await schoolDecisionOf(db(), row);
	return {
		referralId,
		displayName: row.displayName || 'Referral',
		state: row.state as CaseState,
		stateLabel: CASE_STATE_LABELS[row.state as CaseState] ?? row.state,
		version: row.version,
		open: await fallbackOpen(db(), row),
		current
	};
}

export type SchoolDecisionResult =
	| { ok: true; version: number }
	| { ok: false; problem: 'not-found' | 'wrong-state' | 'stale' }
	| { ok: false; problem: 'invalid'; errors: Record<string, string> };

function problems(input: SchoolDecisionInput): Record<string, string> {
	const errors: Record<string, string> = {};
	if (!(SCHOOL_DECISION_VALUES as readonly string[]).includes(input.decision)) errors.decision = 'Select what the school decided';
	if (input.decision === 'suspension' && (input.days === null || !Number.isInteger(input.days) || input.days < 1 || input.days > MAX_SUSPENSION_DAYS)) {
		errors.days = `Enter a whole number of days from 1 to ${MAX_SUSPENSION_DAYS}`;
	}
	if (input.decision === 'other' && !input.note.trim()) errors.note = 'Say what the school decided';
	if (input.note.trim().length > REASON_MAX) errors.note = `The note must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer`;
	return errors;
}

/** Records (or corrects) what the school decided, for a case of the DSL's own school that did not go ahead. */
export async function recordSchoolDecision(actor: Actor, referralId: string, input: SchoolDecisionInput, expectedVersion: number, now = new Date()): Promise<SchoolDecisionResult> {
	const errors = problems(input);
	if (Object.keys(errors).length > 0) return { ok: false, problem: 'invalid', errors };
	return db().transaction(async (tx): Promise<SchoolDecisionResult> => {
		const row = await schoolCase(tx, actor, referralId);
		if (!row) return { ok: false, problem: 'not-found' };
		if (!(await fallbackOpen(tx, row))) return { ok: false, problem: 'wrong-state' };
		if (row.version !== expectedVersion) return { ok: false, problem: 'stale' };
		const decision = input.decision as SchoolDecision;
		const days = decision === 'suspension' ? input.days : null;
		const updated = await tx
			.update(t.referral)
			.set({ fallbackDecision: decision, fallbackDays: days, fallbackRecordedAt: now, fallbackRecordedBy: actor.userId, version: expectedVersion + 1, updatedAt: now })
			.where(and(eq(t.referral.id, referralId), eq(t.referral.version, expectedVersion)))
			.returning({ version: t.referral.version });
		if (updated.length !== 1) return { ok: false, problem: 'stale' };
		await recordCaseEvent(tx, actor, row, { kind: 'school-decision', section: decision, reason: input.note.trim() || null }, now);
		let version = expectedVersion + 1;
		// A case that never went ahead (not suitable, withdrawn) has nothing left to do once the school has
		// said what it decided: it closes, which starts its retention period (DOMAIN.md §7).
		if (row.state === 'not_suitable' || row.state === 'withdrawn') {
			const closed = await applyTransition(tx, null, { ...row, version }, 'close', { reason: 'The school recorded what it decided.', notifySchool: false }, now);
			if (closed.ok) version = closed.version;
		}
		await recordAudit(tx, actor, {
			action: 'referral.fallback-decision',
			recordType: 'referral',
			recordId: referralId,
			detail: { decision, days, correction: row.fallbackDecision !== null }
		});
		return { ok: true, version };
	});
}
