import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { ESCALATION_AGENCY_LABELS, isEscalationAgency, type EscalationAgency } from '$lib/escalation-agencies';
import { REASON_MAX } from '$lib/schemas/triage';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Tx } from '../db';
import { preparedQuery } from '../db/prepared';
import { recordCaseEvent } from '../referrals/events';
import { refreshReviewFlag } from '../referrals/review-flag';
import { meetSubjectTimer, startWorkingDayTimer } from '../referrals/timers';
import { newId } from '../util/ids';
import { userNames } from './case';

/**
 * Countersigning (DOMAIN.md §3 step 3): a declined required escalation, and every not-suitable
 * decision, is countersigned by a senior youth worker or a provider admin within the service's
 * countersign time (one working day by default). Someone other than the person who decided signs.
 */
export type CountersignKind = 'declined-escalation' | 'not-suitable';

export const COUNTERSIGN_KIND_LABELS: Record<CountersignKind, string> = {
	'declined-escalation': 'Required escalation declined',
	'not-suitable': 'Not suitable for diversion'
};

/** Opens a countersign request and its timer, in the deciding transaction. Returns its id. */
export async function requestCountersign(
	tx: Tx,
	actor: Actor,
	referral: { id: string; serviceId: string; schoolId: string },
	request: { kind: CountersignKind; agency: EscalationAgency | null; rationale: string },
	workingDays: number,
	now: Date
): Promise<string> {
	const id = newId();
	// The row needs its due time, the timer its subject: start the timer with the id first.
	const dueAt = await startWorkingDayTimer(tx, referral, 'countersign', workingDays, now, id);
	await tx.insert(t.countersign).values({
		id,
		referralId: referral.id,
		serviceId: referral.serviceId,
		schoolId: referral.schoolId,
		kind: request.kind,
		agency: request.agency,
		rationale: request.rationale,
		requestedBy: actor.userId,
		requestedAt: now,
		dueAt
	});
	await recordAudit(tx, actor, { action: 'triage.countersign-requested', recordType: 'countersign', recordId: id, schoolId: referral.schoolId, detail: { referral: referral.id, kind: request.kind } });
	return id;
}

/** Whether the actor may countersign at all: a senior youth worker or a provider admin. */
export function maySign(actor: Actor): boolean {
	return actor.role === 'provider_admin' || (actor.role === 'youth_worker' && actor.senior);
}

/** Decisions of the actor's service awaiting countersignature, soonest due first (one audit row). */
export async function listAwaitingCountersign(actor: Actor, now = new Date()) {
	if (actor.role !== 'youth_worker' && actor.role !== 'provider_admin') return [];
	const rows = await db()
		.select({
			id: t.countersign.id,
			referralId: t.countersign.referralId,
			kind: t.countersign.kind,
			agency: t.countersign.agency,
			rationale: t.countersign.rationale,
			requestedBy: t.countersign.requestedBy,
			requestedAt: t.countersign.requestedAt,
			dueAt: t.countersign.dueAt,
			displayName: t.referral.displayName,
			schoolName: t.school.name
		})
		.from(t.countersign)
		.innerJoin(t.referral, eq(t.referral.id, t.countersign.referralId))
		.innerJoin(t.school, eq(t.school.id, t.countersign.schoolId))
		.where(and(eq(t.countersign.serviceId, actor.serviceId), isNull(t.countersign.countersignedAt)))
		.orderBy(asc(t.countersign.dueAt), asc(t.countersign.id));
	const names = await userNames(db(), rows.map((r) => r.requestedBy));
	await recordAudit(db(), actor, { action: 'triage.countersign-list', detail: { filter: 'awaiting', count: rows.length } });
	return rows.map((r) => ({
		id: r.id,
		referralId: r.referralId,
		displayName: r.displayName || 'Referral',
		schoolName: r.schoolName,
		kind: r.kind as CountersignKind,
		kindLabel: COUNTERSIGN_KIND_LABELS[r.kind as CountersignKind] ?? r.kind,
		agency: r.agency,
		agencyLabel: isEscalationAgency(r.agency) ? ESCALATION_AGENCY_LABELS[r.agency] : null,
		rationale: r.rationale,
		requestedByName: names.get(r.requestedBy) ?? 'Former user',
		requestedAt: r.requestedAt.toISOString(),
		dueAt: r.dueAt.toISOString(),
		overdue: r.dueAt < now,
		canSign: maySign(actor) && r.requestedBy !== actor.userId
	}));
}

export type CountersignResult = { ok: true } | { ok: false; problem: 'not-found' | 'not-senior' | 'own-decision' | 'already-countersigned' | 'too-long' };

/** Countersigns one decision, with an optional comment; the chronology and audit record it. */
export async function countersignDecision(actor: Actor, countersignId: string, comment: string, now = new Date()): Promise<CountersignResult> {
	if (actor.role !== 'youth_worker' && actor.role !== 'provider_admin') return { ok: false, problem: 'not-found' };
	const text = comment.trim();
	if (text.length > REASON_MAX) return { ok: false, problem: 'too-long' };
	return db().transaction(async (tx): Promise<CountersignResult> => {
		const [row] = await tx
			.select()
			.from(t.countersign)
			.where(and(eq(t.countersign.id, countersignId), eq(t.countersign.serviceId, actor.serviceId)));
		if (!row) return { ok: false, problem: 'not-found' };
		if (!maySign(actor)) return { ok: false, problem: 'not-senior' };
		if (row.countersignedAt) return { ok: false, problem: 'already-countersigned' };
		if (row.requestedBy === actor.userId) return { ok: false, problem: 'own-decision' };
		const updated = await tx
			.update(t.countersign)
			.set({ countersignedBy: actor.userId, countersignedAt: now, comment: text || null })
			.where(and(eq(t.countersign.id, countersignId), isNull(t.countersign.countersignedAt)))
			.returning({ id: t.countersign.id });
		if (updated.length !== 1) return { ok: false, problem: 'already-countersigned' };
		await meetSubjectTimer(tx, countersignId, 'countersign', now);
		// The case leaves review once nothing else on it is open.
		await refreshReviewFlag(tx, row.referralId);
		await recordCaseEvent(
			tx,
			actor,
			{ id: row.referralId, serviceId: row.serviceId, schoolId: row.schoolId },
			{ kind: 'countersigned', section: row.agency ?? row.kind, reason: text || null, schoolVisible: false },
			now
		);
		await recordAudit(tx, actor, {
			action: 'triage.countersigned',
			recordType: 'countersign',
			recordId: countersignId,
			schoolId: row.schoolId,
			detail: { referral: row.referralId, kind: row.kind }
		});
		return { ok: true };
	});
}

/** The countersign requests of one case, for its triage summary (youth workers and admins only). */
const countersignsPrepared = preparedQuery((q) =>
	q
		.select()
		.from(t.countersign)
		.where(eq(t.countersign.referralId, sql.placeholder('referralId')))
		.orderBy(asc(t.countersign.requestedAt), asc(t.countersign.id))
		.prepare()
);

export async function countersignsOf(referralId: string, now = new Date()) {
	const rows = await countersignsPrepared({ referralId }).all();
	const names = await userNames(db(), rows.map((r) => r.countersignedBy));
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind as CountersignKind,
		kindLabel: COUNTERSIGN_KIND_LABELS[r.kind as CountersignKind] ?? r.kind,
		agency: r.agency,
		agencyLabel: isEscalationAgency(r.agency) ? ESCALATION_AGENCY_LABELS[r.agency] : null,
		rationale: r.rationale,
		dueAt: r.dueAt.toISOString(),
		countersignedAt: r.countersignedAt?.toISOString() ?? null,
		countersignedByName: r.countersignedBy ? (names.get(r.countersignedBy) ?? 'Former user') : null,
		comment: r.comment,
		overdue: !r.countersignedAt && r.dueAt < now
	}));
}
