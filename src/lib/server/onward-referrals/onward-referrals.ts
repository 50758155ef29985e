import { and, eq } from 'drizzle-orm';
import { readDate } from '$lib/schemas/fields';
import type { OnwardReferralInput } from '$lib/schemas/onward-referral';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Queryable } from '../db';
import { recordCaseEvent } from '../referrals/events';
import { caseForYouthWorker, type CaseRow } from '../triage/case';
import { newId } from '../util/ids';

export const ONWARD_STALE = 'Someone else changed this onward referral while you were editing. Their changes are shown; make your changes again';

/** An onward referral can be recorded once the case is past triage, and until it is closed (DOMAIN.md §3 step 9). */
const RECORDABLE_STATES: readonly string[] = ['accepted', 'in_assessment', 'in_programme', 'completed', 'partially_completed', 'did_not_engage', 'withdrawn', 'follow_up_due'];

export type OnwardRow = typeof t.onwardReferral.$inferSelect;

export type OnwardResult =
	| { ok: true; id: string }
	| { ok: false; problem: 'not-found' | 'not-recordable' | 'invalid' }
	| { ok: false; problem: 'stale'; current: OnwardRow };

/** The case, for a youth worker of its service, in a state where onward referrals are recorded. */
export async function onwardCase(q: Queryable, actor: Actor, referralId: string): Promise<{ row: CaseRow; recordable: boolean } | null> {
	const row = await caseForYouthWorker(q, actor, referralId);
	return row ? { row, recordable: RECORDABLE_STATES.includes(row.state) } : null;
}

/** One onward referral of a case, within the actor's service. */
export async function onwardRow(q: Queryable, actor: Actor, referralId: string, onwardId: string): Promise<OnwardRow | null> {
	const [row] = await q
		.select()
		.from(t.onwardReferral)
		.where(and(eq(t.onwardReferral.id, onwardId), eq(t.onwardReferral.referralId, referralId), eq(t.onwardReferral.serviceId, actor.serviceId)));
	return row ?? null;
}

function fields(input: OnwardReferralInput) {
	const date = readDate('date', input.referredDay, input.referredMonth, input.referredYear);
	if (date.ok !== true) return null;
	return { toService: input.toService, referredOn: date.iso, accepted: input.accepted, takenUp: input.takenUp, note: input.note || null };
}

/** Records an onward referral, with its chronology entry (no details) and audit row. */
export async function createOnwardReferral(actor: Actor, referralId: string, input: OnwardReferralInput, now = new Date()): Promise<OnwardResult> {
	const values = fields(input);
	if (!values) return { ok: false, problem: 'invalid' };
	return db().transaction(async (tx): Promise<OnwardResult> => {
		const found = await onwardCase(tx, actor, referralId);
		if (!found) return { ok: false, problem: 'not-found' };
		if (!found.recordable) return { ok: false, problem: 'not-recordable' };
		const { row } = found;
		const id = newId();
		await tx.insert(t.onwardReferral).values({ ...values, id, referralId, serviceId: row.serviceId, schoolId: row.schoolId, version: 1, createdAt: now, createdBy: actor.userId, updatedAt: now, updatedBy: actor.userId });
		await recordCaseEvent(tx, actor, row, { kind: 'onward-referral', section: 'created' }, now);
		await recordAudit(tx, actor, { action: 'onward.created', recordType: 'onward_referral', recordId: id, schoolId: row.schoolId, detail: { referralId, accepted: values.accepted, takenUp: values.takenUp } });
		return { ok: true, id };
	});
}

/** Updates an onward referral (whether it was accepted, taken up…) from the version the person read. */
export async function updateOnwardReferral(actor: Actor, referralId: string, onwardId: string, input: OnwardReferralInput, now = new Date()): Promise<OnwardResult> {
	const values = fields(input);
	if (!values) return { ok: false, problem: 'invalid' };
	return db().transaction(async (tx): Promise<OnwardResult> => {
		const found = await onwardCase(tx, actor, referralId);
		const current = found ? await onwardRow(tx, actor, referralId, onwardId) : null;
		if (!found || !current) return { ok: false, problem: 'not-found' };
		if (!found.recordable) return { ok: false, problem: 'not-recordable' };
		if (current.version !== input.version) return { ok: false, problem: 'stale', current };
		const updated = await tx
			.update(t.onwardReferral)
			.set({ ...values, version: current.version + 1, updatedAt: now, updatedBy: actor.userId })
			.where(and(eq(t.onwardReferral.id, current.id), eq(t.onwardReferral.version, current.version)))
			.returning({ id: t.onwardReferral.id });
		if (updated.length !== 1) return { ok: false, problem: 'stale', current };
		await recordCaseEvent(tx, actor, found.row, { kind: 'onward-referral', section: 'updated' }, now);
		await recordAudit(tx, actor, {
			action: 'onward.updated',
			recordType: 'onward_referral',
			recordId: current.id,
			schoolId: found.row.schoolId,
			detail: { referralId, accepted: values.accepted, takenUp: values.takenUp, version: current.version + 1 }
		});
		return { ok: true, id: current.id };
	});
}
