import { and, eq } from 'drizzle-orm';
import type { CaseState } from '$lib/case-states';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { t, type Tx } from '../db';
import { refreshRetention } from '../retention/refresh';
import { recordCaseEvent } from './events';
import { notifySchoolOfChange } from './notifications';
import { moduleSetToPin } from '../programme/module-set';
import { checkTransition, type Transition, type WorkflowActor } from './workflow';

export type TransitionOutcome =
	| { ok: true; to: CaseState; version: number }
	| { ok: false; problem: 'wrong-state' | 'not-allowed' | 'reason-required' | 'stale' };

export function workflowActorOf(actor: Actor | null): WorkflowActor | null {
	if (!actor) return 'system';
	if (actor.role === 'dsl' || actor.role === 'deputy_dsl') return 'school';
	if (actor.role === 'youth_worker') return 'youth_worker';
	return null;
}

interface CaseRow {
	id: string;
	serviceId: string;
	schoolId: string;
	state: string;
	version: number;
}

/**
 * Moves a case through the workflow in the caller's transaction: checks the pure rules, updates the
 * state only if nobody changed the case since it was read (version), and writes the chronology entry
 * and the audit row with it. The school is emailed (no details) when someone else moves its case.
 */
export async function applyTransition(
	tx: Tx,
	actor: Actor | null,
	row: CaseRow,
	transition: Transition,
	options: {
		reason?: string | null;
		expectedVersion?: number;
		set?: Partial<typeof t.referral.$inferInsert>;
		/** False when the school gets its own email for this change (a decision that follows in the same transaction, a follow-up prompt). */
		notifySchool?: boolean;
	} = {},
	now = new Date()
): Promise<TransitionOutcome> {
	const by = workflowActorOf(actor);
	if (!by) return { ok: false, problem: 'not-allowed' };
	const check = checkTransition(row.state as CaseState, transition, by, options.reason);
	if (!check.ok) return check;
	const expected = options.expectedVersion ?? row.version;
	const set = { ...options.set };
	// A case keeps the module set it started with (DOMAIN.md §3 step 6): pinned when first accepted.
	if (check.to === 'accepted') {
		const [current] = await tx.select({ moduleSetId: t.referral.moduleSetId }).from(t.referral).where(eq(t.referral.id, row.id));
		if (current && !current.moduleSetId) set.moduleSetId = await moduleSetToPin(tx, row.serviceId);
	}
	// Closure starts the retention period (DOMAIN.md §7).
	if (check.to === 'closed') set.closedAt = now;
	const updated = await tx
		.update(t.referral)
		.set({ ...set, state: check.to, version: expected + 1, updatedAt: now })
		.where(and(eq(t.referral.id, row.id), eq(t.referral.version, expected), eq(t.referral.state, row.state)))
		.returning({ version: t.referral.version });
	if (updated.length !== 1) return { ok: false, problem: 'stale' };
	if (check.to === 'closed') await refreshRetention(tx, row.id);
	await recordCaseEvent(tx, actor, row, { kind: 'transition', fromState: row.state, toState: check.to, reason: options.reason ?? null }, now);
	await recordAudit(tx, actor, {
		action: `referral.${transition}`,
		recordType: 'referral',
		recordId: row.id,
		serviceId: row.serviceId,
		schoolId: row.schoolId,
		detail: { from: row.state, to: check.to }
	});
	if (by !== 'school' && options.notifySchool !== false) await notifySchoolOfChange(tx, row.serviceId, row.schoolId, row.id);
	return { ok: true, to: check.to, version: expected + 1 };
}
