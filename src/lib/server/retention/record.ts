import { and, eq, ne } from 'drizzle-orm';
import { CASE_STATE_LABELS, type CaseState } from '$lib/case-states';
import { todayIso } from '$lib/schemas/fields';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Queryable } from '../db';
import { recordCaseEvent } from '../referrals/events';
import { RETENTION_BASIS_LABELS, type RetentionBasis } from './dates';
import { closedOnOf } from './refresh';

/**
 * One record as the retention pages show it (DOMAIN.md §7): only what a provider admin needs to
 * decide whether to keep or delete it (reference, school, dates, why that date, any legal hold),
 * never the young person's details. Provider admins only, within their own service.
 */
export async function retentionCase(q: Queryable, actor: Actor, referralId: string) {
	if (actor.role !== 'provider_admin') return null;
	const [row] = await q
		.select({ referral: t.referral, schoolName: t.school.name })
		.from(t.referral)
		.innerJoin(t.school, eq(t.school.id, t.referral.schoolId))
		.where(and(eq(t.referral.id, referralId), eq(t.referral.serviceId, actor.serviceId), ne(t.referral.state, 'draft')));
	return row ?? null;
}

export type RetentionState = 'held' | 'open' | 'not-due' | 'due';

export function retentionStateOf(r: { legalHold: boolean; closedAt: Date | null; retentionReviewOn: string | null }, now = new Date()): RetentionState {
	if (r.legalHold) return 'held';
	if (!r.closedAt || !r.retentionReviewOn) return 'open';
	return r.retentionReviewOn <= todayIso(now) ? 'due' : 'not-due';
}

export function basisLabel(basis: string | null, note: string | null = null): string {
	const label = RETENTION_BASIS_LABELS[basis as RetentionBasis] ?? 'Not yet set';
	return basis === 'extended' && note ? `${label}: ${note}` : label;
}

/** The record page (audited: it is a read of a pupil's record, SECURITY.md 15). */
export async function retentionView(actor: Actor, referralId: string, now = new Date()) {
	const found = await retentionCase(db(), actor, referralId);
	if (!found) return null;
	const r = found.referral;
	await recordAudit(db(), actor, { action: 'retention.viewed', recordType: 'referral', recordId: r.id, schoolId: r.schoolId });
	const [holder] = r.legalHoldBy ? await db().select({ name: t.user.displayName }).from(t.user).where(eq(t.user.id, r.legalHoldBy)) : [];
	return {
		id: r.id,
		version: r.version,
		schoolName: found.schoolName,
		stateLabel: CASE_STATE_LABELS[r.state as CaseState] ?? r.state,
		closedOn: r.closedAt ? closedOnOf(r.closedAt) : null,
		reviewOn: r.retentionReviewOn,
		basis: basisLabel(r.retentionBasis, r.retentionNote),
		state: retentionStateOf(r, now),
		hold: r.legalHold ? { reason: r.legalHoldReason ?? '', by: holder?.name ?? 'Unknown', at: r.legalHoldAt?.toISOString() ?? null } : null
	};
}

export type RetentionChange = { ok: true } | { ok: false; problem: 'not-found' | 'stale' | 'wrong-state' } | { ok: false; problem: 'invalid'; field: string; message: string };

/** Changes the referral's retention columns if nobody changed it since the form was read, with its chronology entry and audit row. */
async function change(
	actor: Actor,
	referralId: string,
	expectedVersion: number,
	allowed: (r: typeof t.referral.$inferSelect) => RetentionChange,
	set: Partial<typeof t.referral.$inferInsert>,
	event: { section: string; reason: string; audit: string; detail?: Record<string, string | null> },
	now: Date
): Promise<RetentionChange> {
	return db().transaction(async (tx): Promise<RetentionChange> => {
		const found = await retentionCase(tx, actor, referralId);
		if (!found) return { ok: false, problem: 'not-found' };
		const r = found.referral;
		const verdict = allowed(r);
		if (!verdict.ok) return verdict;
		const updated = await tx
			.update(t.referral)
			.set({ ...set, version: expectedVersion + 1, updatedAt: now })
			.where(and(eq(t.referral.id, referralId), eq(t.referral.version, expectedVersion)))
			.returning({ id: t.referral.id });
		if (updated.length !== 1) return { ok: false, problem: 'stale' };
		await recordCaseEvent(tx, actor, r, { kind: 'retention', section: event.section, reason: event.reason, schoolVisible: false }, now);
		await recordAudit(tx, actor, { action: event.audit, recordType: 'referral', recordId: r.id, schoolId: r.schoolId, detail: event.detail });
		return { ok: true };
	});
}

const OK: RetentionChange = { ok: true };

/** A legal hold, with the admin's written reason: while it stands the record cannot be deleted (DOMAIN.md §7). */
export function placeLegalHold(actor: Actor, referralId: string, reason: string, expectedVersion: number, now = new Date()): Promise<RetentionChange> {
	return change(
		actor,
		referralId,
		expectedVersion,
		(r) => (r.legalHold ? { ok: false, problem: 'wrong-state' } : OK),
		{ legalHold: true, legalHoldReason: reason.trim(), legalHoldBy: actor.userId, legalHoldAt: now },
		{ section: 'legal-hold-placed', reason: reason.trim(), audit: 'retention.legal-hold-placed' },
		now
	);
}

export function liftLegalHold(actor: Actor, referralId: string, reason: string, expectedVersion: number, now = new Date()): Promise<RetentionChange> {
	return change(
		actor,
		referralId,
		expectedVersion,
		(r) => (r.legalHold ? OK : { ok: false, problem: 'wrong-state' }),
		{ legalHold: false, legalHoldReason: null, legalHoldBy: null, legalHoldAt: null },
		{ section: 'legal-hold-lifted', reason: reason.trim(), audit: 'retention.legal-hold-lifted' },
		now
	);
}

/** Keeps a closed case's record longer, to a later review date, with the admin's reason. */
export function extendReview(actor: Actor, referralId: string, reviewOn: string, reason: string, expectedVersion: number, now = new Date()): Promise<RetentionChange> {
	const today = todayIso(now);
	return change(
		actor,
		referralId,
		expectedVersion,
		(r) => {
			if (!r.closedAt || !r.retentionReviewOn) return { ok: false, problem: 'wrong-state' };
			const after = r.retentionReviewOn > today ? r.retentionReviewOn : today;
			if (reviewOn <= after) return { ok: false, problem: 'invalid', field: 'reviewOnDay', message: `The new review date must be after ${after === today ? 'today' : 'the current review date'}` };
			if (reviewOn > `${Number(today.slice(0, 4)) + 30}${today.slice(4)}`) return { ok: false, problem: 'invalid', field: 'reviewOnDay', message: 'The new review date must be within 30 years' };
			return OK;
		},
		{ retentionReviewOn: reviewOn, retentionBasis: 'extended', retentionNote: reason.trim() },
		{ section: 'review-extended', reason: reason.trim(), audit: 'retention.review-extended', detail: { to: reviewOn } },
		now
	);
}

/** The case page's retention panel, for provider admins only (the case page's own load audits the read). */
export async function retentionPanelFor(actor: Actor, referralId: string, now = new Date()) {
	const found = await retentionCase(db(), actor, referralId);
	if (!found) return null;
	const r = found.referral;
	return { id: r.id, reviewOn: r.retentionReviewOn, basis: basisLabel(r.retentionBasis, r.retentionNote), state: retentionStateOf(r, now) };
}

export type RetentionPanelView = NonNullable<Awaited<ReturnType<typeof retentionPanelFor>>>;
