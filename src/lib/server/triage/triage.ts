import { and, eq } from 'drizzle-orm';
import { CASE_STATE_LABELS, type CaseState } from '$lib/case-states';
import type { IndicatorKey } from '$lib/triage-indicators';
import { answersToForm, type StoredAnswers, type TriageForm } from '$lib/schemas/triage';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { ANSWERABLE_STATES, DECIDABLE_STATES, answerMap, caseForYouthWorker, type CaseRow, cleanAnswers, factsOf, hasEarlierReferral, latestRound, openRound, parseAnswers, youthWorkersOf } from './case';
import { Refusal, startTriageIfSubmitted, writeAnswers } from './rounds';
import { triageRules } from './rules';

export { decideTriage, type DecideResult } from './decide';
export { liftHold, releaseHoldIfAnswered } from './hold';
export { markChildProtection } from './child-protection';
export { ANSWERABLE_STATES, DECIDABLE_STATES } from './case';

/**
 * The answers a new triage starts with: the repeat-incident indicator from the young person's
 * history, the looked-after / social-worker indicator from the referral, and a yes for any row of the
 * school's immediate safety check it answered yes (DOMAIN.md §4: the first three rows are that check).
 */
async function startingAnswers(row: CaseRow, earlier: boolean) {
	const facts = factsOf(row);
	const answers: StoredAnswers = {
		repeatIncident: { answer: earlier ? 'yes' : 'no', note: '' },
		lookedAfterOrSocialWorker: { answer: facts.lookedAfter || facts.hasSocialWorker ? 'yes' : 'no', note: '' }
	};
	const [safety] = await db()
		.select({ data: t.referralSection.data })
		.from(t.referralSection)
		.where(and(eq(t.referralSection.referralId, row.id), eq(t.referralSection.section, 'safety')));
	const check = JSON.parse(safety?.data ?? '{}') as Record<string, unknown>;
	const prefilled: IndicatorKey[] = [];
	for (const key of ['medicalEmergency', 'abuseDisclosure', 'supplySigns'] as const) {
		if (check[key] === 'yes') {
			answers[key] = { answer: 'yes', note: '' };
			prefilled.push(key);
		}
	}
	return { answers, prefilled };
}

/**
 * The triage form of a case for a youth worker of its service (audited): the answers so far (or the
 * starting answers), what the rules make of them, and the choices for the decision.
 */
export async function triageForEdit(actor: Actor, referralId: string) {
	const row = await caseForYouthWorker(db(), actor, referralId);
	if (!row) return null;
	const latest = await latestRound(db(), referralId);
	const open = openRound(latest);
	const earlier = await hasEarlierReferral(db(), row);
	const start = latest ? { answers: parseAnswers(latest.answers), prefilled: [] as IndicatorKey[] } : await startingAnswers(row, earlier);
	const facts = factsOf(row);
	const outcome = triageRules(answerMap(start.answers), facts);
	const [school] = await db().select({ name: t.school.name }).from(t.school).where(eq(t.school.id, row.schoolId));
	await recordAudit(db(), actor, { action: 'triage.viewed', recordType: 'referral', recordId: referralId, schoolId: row.schoolId });
	const initial: Partial<TriageForm> = {
		...answersToForm(start.answers),
		rag: outcome.suggestedRag,
		leadYouthWorkerId: row.leadYouthWorkerId ?? actor.userId,
		version: open?.version ?? 0
	};
	return {
		referralId,
		displayName: row.displayName || 'Referral',
		schoolName: school?.name ?? '',
		state: row.state as CaseState,
		stateLabel: CASE_STATE_LABELS[row.state as CaseState] ?? row.state,
		referralVersion: row.version,
		answerable: ANSWERABLE_STATES.includes(row.state),
		decidable: DECIDABLE_STATES.includes(row.state),
		onHold: row.state === 'on_hold',
		round: open?.round ?? (latest?.round ?? 0) + 1,
		facts,
		earlierReferral: earlier,
		prefilled: start.prefilled,
		youthWorkers: await youthWorkersOf(db(), row.serviceId),
		initial
	};
}

export type TriageEditView = NonNullable<Awaited<ReturnType<typeof triageForEdit>>>;

export type SaveAnswersResult =
	| { ok: true; version: number }
	| { ok: false; problem: 'not-found' | 'not-editable' | 'wrong-state' | 'not-allowed' }
	| { ok: false; problem: 'invalid'; errors: Record<string, string> }
	| { ok: false; problem: 'stale'; current: StoredAnswers; version: number };

/**
 * Saves the indicator answers as typed (complete or not). The first save starts triage: the case
 * moves to in triage, the school can no longer correct it, and the triage timer is met, all in one
 * transaction with the audit row. A save from a stale version is refused and the other person's
 * answers are returned.
 */
export async function saveTriageAnswers(actor: Actor, referralId: string, answers: unknown, expectedVersion: number, now = new Date()): Promise<SaveAnswersResult> {
	const cleaned = cleanAnswers(answers);
	if (Object.keys(cleaned.errors).length > 0) return { ok: false, problem: 'invalid', errors: cleaned.errors };
	try {
		return await db().transaction(async (tx): Promise<SaveAnswersResult> => {
			const row = await caseForYouthWorker(tx, actor, referralId);
			if (!row) return { ok: false, problem: 'not-found' };
			if (!ANSWERABLE_STATES.includes(row.state)) return { ok: false, problem: 'not-editable' };
			const latest = await latestRound(tx, referralId);
			const open = openRound(latest);
			const current = open?.version ?? 0;
			if (expectedVersion !== current) return { ok: false, problem: 'stale', current: parseAnswers(open?.answers), version: current };
			const started = await startTriageIfSubmitted(tx, actor, row, now);
			const saved = await writeAnswers(tx, actor, started, latest, open, cleaned.answers, now);
			await recordAudit(tx, actor, {
				action: 'triage.answers-saved',
				recordType: 'referral',
				recordId: referralId,
				schoolId: row.schoolId,
				detail: { triage: saved.id, round: saved.round }
			});
			return { ok: true, version: saved.version };
		});
	} catch (e) {
		if (e instanceof Refusal) return { ok: false, problem: e.problem };
		throw e;
	}
}
