import { and, eq, gt } from 'drizzle-orm';
import type { CaseState } from '$lib/case-states';
import { completionProblems, goalsOf, type AssessmentField, type AssessmentForm } from '$lib/schemas/assessment';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Tx } from '../db';
import { recordCaseEvent } from '../referrals/events';
import { applyTransition } from '../referrals/transition';
import type { Transition } from '../referrals/workflow';
import { caseForYouthWorker, type CaseRow } from '../triage/case';
import { newId } from '../util/ids';
import { ASSESSABLE_STATES, assessmentFormValues, assessmentOf, storedAnswersOf, type AssessmentRow } from './values';

export const ASSESSMENT_STALE = 'Someone else saved this assessment while you were editing. Your answers are below and nothing has been saved: check them against theirs, then save again.';

export type AssessmentResult =
	| { ok: true; state: CaseState; version: number; outcome: 'draft' | 'completed' | 'corrected' | 'returned-to-triage' }
	| { ok: false; problem: 'not-found' | 'not-assessable' | 'completed-already' }
	| { ok: false; problem: 'invalid'; errors: Partial<Record<AssessmentField, string>> }
	| { ok: false; problem: 'stale'; version: number; theirs: AssessmentForm };

/** Thrown inside the transaction when the case cannot move: rolls everything back. */
class CaseMoved extends Error {}

async function move(tx: Tx, actor: Actor, row: CaseRow, transition: Transition, now: Date, reason?: string): Promise<CaseRow> {
	const moved = await applyTransition(tx, actor, row, transition, { reason }, now);
	if (!moved.ok) throw new CaseMoved(moved.problem);
	return { ...row, state: moved.to, version: moved.version };
}

/** Writes the assessment row from the version the person read; null when someone saved in between. */
async function writeRow(tx: Tx, actor: Actor, row: CaseRow, existing: AssessmentRow | null, input: AssessmentForm, set: Partial<typeof t.assessment.$inferInsert>, now: Date): Promise<{ id: string; version: number } | null> {
	const values = {
		answers: storedAnswersOf(input),
		riskSummary: input.riskSummary || null,
		suitability: input.suitability || null,
		plannedOnwardReferrals: input.plannedOnwardReferrals || null,
		newRisks: input.newRisks === 'yes',
		newRisksNote: input.newRisks === 'yes' ? input.newRisksNote || null : null,
		updatedAt: now,
		updatedBy: actor.userId,
		...set
	};
	if (!existing) {
		const id = newId();
		await tx.insert(t.assessment).values({ ...values, id, referralId: row.id, serviceId: row.serviceId, schoolId: row.schoolId, version: 1, createdAt: now, createdBy: actor.userId });
		return { id, version: 1 };
	}
	const updated = await tx
		.update(t.assessment)
		.set({ ...values, version: existing.version + 1 })
		.where(and(eq(t.assessment.id, existing.id), eq(t.assessment.version, existing.version)))
		.returning({ version: t.assessment.version });
	return updated[0] ? { id: existing.id, version: updated[0].version } : null;
}

/** The goals in the young person's own words, positions 1 to n; goals past the last are removed. */
async function writeGoals(tx: Tx, row: CaseRow, goals: string[], stored: { id: string; position: number; text: string }[]): Promise<void> {
	const byPosition = new Map(stored.map((g) => [g.position, g]));
	for (const [i, text] of goals.entries()) {
		const current = byPosition.get(i + 1);
		if (!current) await tx.insert(t.goal).values({ id: newId(), referralId: row.id, serviceId: row.serviceId, schoolId: row.schoolId, position: i + 1, text });
		else if (current.text !== text) await tx.update(t.goal).set({ text }).where(eq(t.goal.id, current.id));
	}
	await tx.delete(t.goal).where(and(eq(t.goal.referralId, row.id), gt(t.goal.position, goals.length)));
}

/**
 * Saves the assessment as a draft or completes it (DOMAIN.md §3 step 5), in one transaction with
 * the case's moves, the chronology and the audit row. The first save of an accepted case starts the
 * assessment. Completing with no new risks starts the programme (or, in the programme, is a
 * correction); completing with new risks sends the case back to triage with the note as the reason.
 * A save from a stale version changes nothing and hands back the other person's answers.
 */
export async function saveAssessment(actor: Actor, referralId: string, input: AssessmentForm, mode: 'draft' | 'complete', now = new Date()): Promise<AssessmentResult> {
	if (mode === 'complete') {
		const errors = completionProblems(input);
		if (Object.keys(errors).length > 0) return { ok: false, problem: 'invalid', errors };
	}
	try {
		return await db().transaction(async (tx): Promise<AssessmentResult> => {
			const found = await caseForYouthWorker(tx, actor, referralId);
			if (!found) return { ok: false, problem: 'not-found' };
			if (!ASSESSABLE_STATES.includes(found.state)) return { ok: false, problem: 'not-assessable' };
			const { row: existing, goals } = await assessmentOf(tx, found);
			if (input.version !== (existing?.version ?? 0)) return { ok: false, problem: 'stale', version: existing?.version ?? 0, theirs: assessmentFormValues(existing, goals) };
			// A completed assessment is the record the programme rests on: it changes only by completing it again.
			if (mode === 'draft' && existing?.completedAt) return { ok: false, problem: 'completed-already' };

			const completing = mode === 'complete' && input.newRisks === 'no';
			const firstCompletion = completing && !existing?.completedAt;
			const written = await writeRow(tx, actor, found, existing, input, completing ? { completedAt: existing?.completedAt ?? now, completedBy: existing?.completedBy ?? actor.userId } : {}, now);
			if (!written) return { ok: false, problem: 'stale', version: existing?.version ?? 0, theirs: assessmentFormValues(existing, goals) };
			await writeGoals(tx, found, goalsOf(input), goals);

			let row = found.state === 'accepted' ? await move(tx, actor, found, 'start-assessment', now) : found;
			let outcome: 'draft' | 'completed' | 'corrected' | 'returned-to-triage' = 'draft';
			if (mode === 'complete' && input.newRisks === 'yes') {
				// DOMAIN.md §3 step 5: new risks found at assessment go back to triage.
				row = await move(tx, actor, row, 'return-to-triage', now, input.newRisksNote);
				outcome = 'returned-to-triage';
			} else if (completing) {
				if (row.state === 'in_assessment') row = await move(tx, actor, row, 'start-programme', now);
				outcome = firstCompletion ? 'completed' : 'corrected';
				// The school learns only that the assessment took place, never what it found (DOMAIN.md §2).
				await recordCaseEvent(tx, actor, row, { kind: 'assessment', section: outcome, schoolVisible: firstCompletion }, now);
			}
			await recordAudit(tx, actor, {
				action: outcome === 'draft' ? 'assessment.draft-saved' : `assessment.${outcome}`,
				recordType: 'assessment',
				recordId: written.id,
				schoolId: row.schoolId,
				detail: { referralId, version: written.version, goals: goalsOf(input).length, state: row.state }
			});
			return { ok: true, state: row.state as CaseState, version: written.version, outcome };
		});
	} catch (e) {
		if (e instanceof CaseMoved) return { ok: false, problem: 'not-assessable' };
		throw e;
	}
}
