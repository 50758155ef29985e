import { eq } from 'drizzle-orm';
import { escalationUpdateSchema, newEscalationSchema, type EscalationUpdateInput, type NewEscalationInput } from '$lib/schemas/escalation';
import type { Actor } from '$lib/server/auth/actor';
import { db, t } from '$lib/server/db';
import { escalationFormValues } from '$lib/server/escalations/form-values';
import { submitReferral } from '$lib/server/referrals/submit';
import { insertUser } from '$lib/server/tenancy/provision';
import { newId } from '$lib/server/util/ids';
import { completeDraft } from '../helpers/referral';

/** Builders shared by the escalation tests. */
export async function referralVersion(id: string): Promise<number> {
	return (await db().select({ v: t.referral.version }).from(t.referral).where(eq(t.referral.id, id)))[0]?.v ?? 0;
}

export async function submittedReferral(dsl: Actor, overrides: Parameters<typeof completeDraft>[1] = {}, now = new Date()): Promise<string> {
	const id = await completeDraft(dsl, overrides);
	const result = await submitReferral(dsl, id, await referralVersion(id), now);
	if (!result.ok) throw new Error(`could not submit: ${result.problem}`);
	return id;
}

/** A London wall-clock time ("2026-11-13 16:30") as a form's date-and-time fields. */
export function when(prefix: string, local: string): Record<string, string> {
	const [date = '', time = ''] = local.split(' ');
	const [year = '', month = '', day = ''] = date.split('-');
	return { [`${prefix}Day`]: String(Number(day)), [`${prefix}Month`]: String(Number(month)), [`${prefix}Year`]: year, [`${prefix}Time`]: time };
}

/** A new escalation as the form posts it (validated by the form's schema). */
export function made(agency: string, method: string, sentLocal: string, extra: Record<string, unknown> = {}): NewEscalationInput {
	return newEscalationSchema.parse({ agency, made: 'yes', method, ...when('sent', sentLocal), lawfulBasis: 'safeguarding', ...extra });
}

export async function escalationRow(id: string) {
	const [row] = await db().select().from(t.escalation).where(eq(t.escalation.id, id));
	if (!row) throw new Error('no such escalation');
	return row;
}

/** The edit form as it loads for the escalation now, with some fields changed (validated by the schema). */
export async function edit(id: string, changes: Record<string, unknown>): Promise<EscalationUpdateInput> {
	return escalationUpdateSchema.parse({ ...escalationFormValues(await escalationRow(id)), ...changes });
}

export async function timersOf(escalationId: string) {
	return db().select().from(t.caseTimer).where(eq(t.caseTimer.subjectId, escalationId));
}

export async function eventsOf(referralId: string) {
	return db().select().from(t.caseEvent).where(eq(t.caseEvent.referralId, referralId)).orderBy(t.caseEvent.id);
}

/** A decided triage round, written directly: the triage module's own tests cover how rounds are made. */
export async function decidedTriageRound(referralId: string, options: { lead: string; answers: Record<string, { answer: string; note: string }>; required?: string[] }) {
	const [referral] = await db().select().from(t.referral).where(eq(t.referral.id, referralId));
	if (!referral) throw new Error('no such referral');
	const now = new Date();
	await db()
		.insert(t.triage)
		.values({
			id: newId(),
			referralId,
			serviceId: referral.serviceId,
			schoolId: referral.schoolId,
			round: 1,
			answers: JSON.stringify(options.answers),
			requiredEscalations: JSON.stringify((options.required ?? []).map((agency) => ({ agency, choice: 'escalate', countersignId: null }))),
			levelOfNeed: 3,
			rag: 'red',
			leadYouthWorkerId: options.lead,
			decision: 'accept',
			decidedAt: now,
			decidedBy: options.lead,
			createdAt: now,
			createdBy: options.lead,
			updatedAt: now
		});
}

/** Another youth worker of a service, as the guard would hand them to the domain. */
export async function anotherYouthWorker(serviceId: string, email: string): Promise<Actor> {
	const userId = await db().transaction((tx) => insertUser(tx, { email, displayName: email.split('@')[0] ?? email, role: 'youth_worker', serviceId, schoolId: null }));
	return { userId, role: 'youth_worker', serviceId, schoolId: null, senior: false, sessionId: `test-session-${userId}`, mfaVerifiedAt: new Date(), mfaEnrolled: true, address: '127.0.0.1' };
}
