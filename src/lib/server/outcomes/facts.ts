import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { t, type Queryable } from '../db';
import { caseModuleSet } from '../programme/module-set';
import { proposeOutcome, type Attendance, type OutcomeFacts, type OutcomeProposal } from './outcome-rule';

export interface ModuleCoverage {
	id: string;
	title: string;
	attended: boolean;
}

export interface GatheredOutcome {
	facts: OutcomeFacts;
	proposal: OutcomeProposal;
	/** The case's core modules, each with whether a session covering it was attended. */
	coreModules: ModuleCoverage[];
}

/** Whether a review of the case is open or closed it as did not engage (DOMAIN.md §3 step 6). */
async function reviewPointsToClosing(q: Queryable, referralId: string): Promise<boolean> {
	const [row] = await q
		.select({ id: t.caseReview.id })
		.from(t.caseReview)
		.where(and(eq(t.caseReview.referralId, referralId), or(isNull(t.caseReview.decidedAt), eq(t.caseReview.decision, 'close_did_not_engage'))))
		.limit(1);
	return Boolean(row);
}

async function closedByReview(q: Queryable, referralId: string): Promise<boolean> {
	const [row] = await q
		.select({ id: t.caseReview.id })
		.from(t.caseReview)
		.where(and(eq(t.caseReview.referralId, referralId), eq(t.caseReview.decision, 'close_did_not_engage')))
		.limit(1);
	return Boolean(row);
}

/** The register rows of the case in sessions that went ahead, each with the modules its session covered. */
async function registerOf(q: Queryable, referralId: string): Promise<OutcomeFacts['attendance']> {
	const rows = await q
		.select({ sessionId: t.supportSessionAttendee.sessionId, attendance: t.supportSessionAttendee.attendance })
		.from(t.supportSessionAttendee)
		.innerJoin(t.supportSession, eq(t.supportSession.id, t.supportSessionAttendee.sessionId))
		.where(and(eq(t.supportSessionAttendee.referralId, referralId), isNull(t.supportSession.cancelledAt)));
	if (rows.length === 0) return [];
	const modules = await q
		.select()
		.from(t.supportSessionModule)
		.where(inArray(t.supportSessionModule.sessionId, rows.map((r) => r.sessionId)));
	return rows.map((r) => ({
		moduleIds: modules.filter((m) => m.sessionId === r.sessionId).map((m) => m.moduleId),
		attendance: (r.attendance as Attendance | null) ?? null
	}));
}

/**
 * Reads what the outcome rule needs for one case and runs it. `fromReview` is set when the youth worker
 * came from a review deciding to close the case: it counts while that review is open or so decided.
 */
export async function gatherOutcome(
	q: Queryable,
	referral: { id: string; serviceId: string; moduleSetId: string | null },
	options: { fromReview?: boolean } = {}
): Promise<GatheredOutcome> {
	const set = await caseModuleSet(q, referral);
	const core = (set?.modules ?? []).filter((m) => m.core);
	const [assessment] = await q.select({ completedAt: t.assessment.completedAt }).from(t.assessment).where(eq(t.assessment.referralId, referral.id));
	const review = options.fromReview ? await reviewPointsToClosing(q, referral.id) : await closedByReview(q, referral.id);
	const facts: OutcomeFacts = {
		assessmentCompleted: Boolean(assessment?.completedAt),
		coreModuleIds: core.map((m) => m.id),
		attendance: await registerOf(q, referral.id),
		reviewClosedAsDidNotEngage: review
	};
	const proposal = proposeOutcome(facts);
	const covered = new Set(proposal.coveredModuleIds);
	return { facts, proposal, coreModules: core.map((m) => ({ id: m.id, title: m.title, attended: covered.has(m.id) })) };
}
