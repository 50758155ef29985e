import { and, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { REVIEW_DECISION_LABELS, type ReviewDecision } from '$lib/schemas/support-session';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Tx } from '../db';
import { preparedQuery } from '../db/prepared';
import { recordCaseEvent } from '../referrals/events';
import { refreshReviewFlag } from '../referrals/review-flag';
import { caseForYouthWorker } from '../triage/case';
import { newId } from '../util/ids';

/** Unexcused absences that flag a case for review (DOMAIN.md §3 step 6). */
export const ABSENCES_FOR_REVIEW = 2;

/**
 * Raises a review when the case has reached two sessions marked absent (not excused) and no absences
 * review is open. Absences already counted by an earlier review do not count again: only those
 * recorded after the last review was raised do, so a "continue" decision gives a fresh start.
 */
export async function raiseAbsenceReviewIfDue(tx: Tx, actor: Actor, referral: { id: string; serviceId: string; schoolId: string }, now: Date): Promise<boolean> {
	const [last] = await tx
		.select()
		.from(t.caseReview)
		.where(and(eq(t.caseReview.referralId, referral.id), eq(t.caseReview.reason, 'absences')))
		.orderBy(desc(t.caseReview.raisedAt))
		.limit(1);
	if (last && !last.decidedAt) return false;
	const [absent] = await tx
		.select({ n: count() })
		.from(t.supportSessionAttendee)
		.innerJoin(t.supportSession, eq(t.supportSession.id, t.supportSessionAttendee.sessionId))
		.where(
			and(
				eq(t.supportSessionAttendee.referralId, referral.id),
				eq(t.supportSessionAttendee.attendance, 'absent'),
				isNull(t.supportSession.cancelledAt),
				...(last ? [gt(t.supportSessionAttendee.recordedAt, last.raisedAt)] : [])
			)
		);
	if ((absent?.n ?? 0) < ABSENCES_FOR_REVIEW) return false;
	const id = newId();
	await tx.insert(t.caseReview).values({ id, referralId: referral.id, serviceId: referral.serviceId, schoolId: referral.schoolId, reason: 'absences', raisedAt: now });
	await refreshReviewFlag(tx, referral.id);
	await recordCaseEvent(tx, actor, referral, { kind: 'review', section: 'raised', schoolVisible: false }, now);
	await recordAudit(tx, actor, { action: 'review.raised', recordType: 'case_review', recordId: id, schoolId: referral.schoolId, detail: { referral: referral.id, reason: 'absences' } });
	return true;
}

/** The open reviews of a case, for its page (youth workers only). */
export async function openReviewsOf(actor: Actor, referralId: string) {
	if (actor.role !== 'youth_worker') return [];
	return openReviewsPrepared({ referralId, serviceId: actor.serviceId }).all();
}

const openReviewsPrepared = preparedQuery((q) =>
	q
		.select({ id: t.caseReview.id, reason: t.caseReview.reason, raisedAt: t.caseReview.raisedAt })
		.from(t.caseReview)
		.where(and(eq(t.caseReview.referralId, sql.placeholder('referralId')), eq(t.caseReview.serviceId, sql.placeholder('serviceId')), isNull(t.caseReview.decidedAt)))
		.prepare()
);

/** One review of a case of the actor's service, with the case's name, or null. */
export async function reviewForDecision(actor: Actor, referralId: string, reviewId: string) {
	const referral = await caseForYouthWorker(db(), actor, referralId);
	if (!referral) return null;
	const [review] = await db()
		.select()
		.from(t.caseReview)
		.where(and(eq(t.caseReview.id, reviewId), eq(t.caseReview.referralId, referralId)));
	if (!review) return null;
	await recordAudit(db(), actor, { action: 'review.viewed', recordType: 'case_review', recordId: reviewId, schoolId: referral.schoolId, detail: { referral: referralId } });
	return {
		id: review.id,
		referralId,
		displayName: referral.displayName || 'Referral',
		raisedAt: review.raisedAt.toISOString(),
		decision: review.decision as ReviewDecision | null,
		decisionLabel: review.decision ? (REVIEW_DECISION_LABELS[review.decision as ReviewDecision] ?? review.decision) : null,
		note: review.note,
		decidedAt: review.decidedAt?.toISOString() ?? null
	};
}

export type ReviewResult = { ok: true } | { ok: false; problem: 'not-found' | 'decided' };

/**
 * Records the review's decision (DOMAIN.md §3 step 6). It only records: closing as did not engage is
 * then done on the outcome page, which moves the case; a move to 1:1 is followed by scheduling one.
 */
export async function decideReview(actor: Actor, referralId: string, reviewId: string, input: { decision: ReviewDecision; note: string }, now = new Date()): Promise<ReviewResult> {
	return db().transaction(async (tx): Promise<ReviewResult> => {
		const referral = await caseForYouthWorker(tx, actor, referralId);
		if (!referral) return { ok: false, problem: 'not-found' };
		const decided = await tx
			.update(t.caseReview)
			.set({ decision: input.decision, note: input.note.trim(), decidedAt: now, decidedBy: actor.userId })
			.where(and(eq(t.caseReview.id, reviewId), eq(t.caseReview.referralId, referralId), isNull(t.caseReview.decidedAt)))
			.returning({ id: t.caseReview.id });
		if (decided.length !== 1) {
			const [exists] = await tx.select({ id: t.caseReview.id }).from(t.caseReview).where(and(eq(t.caseReview.id, reviewId), eq(t.caseReview.referralId, referralId)));
			return { ok: false, problem: exists ? 'decided' : 'not-found' };
		}
		await refreshReviewFlag(tx, referralId);
		await recordCaseEvent(tx, actor, referral, { kind: 'review', section: input.decision, reason: input.note.trim(), schoolVisible: false }, now);
		await recordAudit(tx, actor, { action: 'review.decided', recordType: 'case_review', recordId: reviewId, schoolId: referral.schoolId, detail: { referral: referralId, decision: input.decision } });
		return { ok: true };
	});
}
