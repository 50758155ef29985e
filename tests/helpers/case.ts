import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/server/auth/actor';
import { db, t } from '$lib/server/db';
import { submitReferral } from '$lib/server/referrals/submit';
import { decideTriage } from '$lib/server/triage/triage';
import type { StoredAnswers } from '$lib/schemas/triage';
import { INDICATOR_KEYS, isFollowUp } from '$lib/triage-indicators';
import { completeDraft } from './referral';

/** The referral row as it is now. */
export async function caseRow(id: string) {
	const [row] = await db().select().from(t.referral).where(eq(t.referral.id, id));
	if (!row) throw new Error(`no referral ${id}`);
	return row;
}

/** A referral the DSL has completed and submitted through the real domain code. */
export async function submittedCase(dsl: Actor, overrides: Parameters<typeof completeDraft>[1] = {}, now = new Date()): Promise<string> {
	const id = await completeDraft(dsl, overrides);
	const result = await submitReferral(dsl, id, (await caseRow(id)).version, now);
	if (!result.ok) throw new Error(`could not submit: ${result.problem}`);
	return id;
}

/** Every triage indicator answered no (follow-up questions left unanswered). */
export function noConcerns(): StoredAnswers {
	return Object.fromEntries(INDICATOR_KEYS.map((k) => [k, { answer: isFollowUp(k) ? '' : 'no', note: '' }]));
}

/**
 * A submitted referral that a youth worker triaged with nothing of concern and accepted, through the
 * real triage code, with `youthWorker` as the lead: the starting point of assessment and programme.
 */
export async function acceptedCase(dsl: Actor, youthWorker: Actor, overrides: Parameters<typeof completeDraft>[1] = {}, now = new Date()): Promise<string> {
	const id = await submittedCase(dsl, overrides, now);
	const result = await decideTriage(
		youthWorker,
		id,
		{ answers: noConcerns(), levelOfNeed: 1, rag: 'green', leadYouthWorkerId: youthWorker.userId, decision: 'accept', holdReason: '', notSuitableReason: '', redirectedTo: '', escalations: {} },
		0,
		now
	);
	if (!result.ok) throw new Error(`could not accept: ${JSON.stringify(result)}`);
	return id;
}
