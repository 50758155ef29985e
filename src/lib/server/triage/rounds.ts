import { eq } from 'drizzle-orm';
import type { StoredAnswers } from '$lib/schemas/triage';
import type { Actor } from '../auth/actor';
import { t, type Tx } from '../db';
import { meetTimer } from '../referrals/timers';
import { applyTransition } from '../referrals/transition';
import { newId } from '../util/ids';
import type { CaseRow, TriageRow } from './case';

/** Thrown inside a transaction to roll it back and answer with a refusal. */
export class Refusal extends Error {
	constructor(readonly problem: 'wrong-state' | 'not-allowed') {
		super(problem);
	}
}

/**
 * The first triage answer starts triage (DOMAIN.md §3): submitted → in triage, the school can no
 * longer correct the referral (triageStartedAt), and the triage timer is met. Returns the case as it
 * now is.
 */
export async function startTriageIfSubmitted(tx: Tx, actor: Actor, row: CaseRow, now: Date, options: { decisionFollows?: boolean } = {}): Promise<CaseRow> {
	if (row.state !== 'submitted') return row;
	// When a decision follows in the same transaction, its transition emails the school: one email, not two.
	const outcome = await applyTransition(tx, actor, row, 'start-triage', { set: { triageStartedAt: row.triageStartedAt ?? now }, notifySchool: !options.decisionFollows }, now);
	if (!outcome.ok) throw new Refusal(outcome.problem === 'not-allowed' ? 'not-allowed' : 'wrong-state');
	await meetTimer(tx, row.id, 'triage', now);
	return { ...row, state: outcome.to, version: outcome.version, triageStartedAt: row.triageStartedAt ?? now };
}

/**
 * Writes the answers to the open round, or opens a new round (the first, or after the case came back
 * to triage). Returns the round's id, number and new version.
 */
export async function writeAnswers(
	tx: Tx,
	actor: Actor,
	row: CaseRow,
	latest: TriageRow | null,
	open: TriageRow | null,
	answers: StoredAnswers,
	now: Date,
	extra: Partial<typeof t.triage.$inferInsert> = {}
): Promise<{ id: string; round: number; version: number }> {
	if (open) {
		const version = open.version + 1;
		await tx
			.update(t.triage)
			.set({ ...extra, answers: JSON.stringify(answers), version, updatedAt: now })
			.where(eq(t.triage.id, open.id));
		return { id: open.id, round: open.round, version };
	}
	const id = newId();
	const round = (latest?.round ?? 0) + 1;
	await tx.insert(t.triage).values({
		...extra,
		id,
		referralId: row.id,
		serviceId: row.serviceId,
		schoolId: row.schoolId,
		round,
		answers: JSON.stringify(answers),
		version: 1,
		createdAt: now,
		createdBy: actor.userId,
		updatedAt: now
	});
	return { id, round, version: 1 };
}
