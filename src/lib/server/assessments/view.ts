import { and, eq } from 'drizzle-orm';
import { CASE_STATE_LABELS, type CaseState } from '$lib/case-states';
import { SUITABILITY_OPTIONS } from '$lib/assessment-domains';
import { labelOf } from '$lib/codes';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { consentsOf, sharesProgress } from '../referrals/consents';
import { caseInScope, isSchoolActor } from '../referrals/scope';
import { caseForYouthWorker, userNames } from '../triage/case';
import { ASSESSABLE_STATES, assessmentFormValues, assessmentOf } from './values';

/**
 * The assessment page for a youth worker of the case's service (audited): the form as saved, and
 * what the page may offer. Null when the case is outside the actor's scope.
 */
export async function assessmentForEdit(actor: Actor, referralId: string) {
	const row = await caseForYouthWorker(db(), actor, referralId);
	if (!row) return null;
	const { row: assessment, goals } = await assessmentOf(db(), row);
	await recordAudit(db(), actor, { action: 'assessment.viewed', recordType: 'referral', recordId: referralId, schoolId: row.schoolId, detail: { assessment: assessment?.id ?? null } });
	const state = row.state as CaseState;
	return {
		referralId,
		displayName: row.displayName || 'Referral',
		state,
		stateLabel: CASE_STATE_LABELS[state] ?? state,
		editable: ASSESSABLE_STATES.includes(state),
		completedAt: assessment?.completedAt?.toISOString() ?? null,
		initial: assessmentFormValues(assessment, goals)
	};
}

export type AssessmentEditView = NonNullable<Awaited<ReturnType<typeof assessmentForEdit>>>;

/** What a school sees: that the assessment took place, and when. Nothing it found (DOMAIN.md §2). */
export interface AssessmentSchoolView {
	audience: 'school';
	completedAt: string;
}

/** What the service sees on the case page: the summary (the domain answers stay on the assessment page). */
export interface AssessmentServiceView {
	audience: 'service';
	referralId: string;
	status: 'not-started' | 'draft' | 'completed';
	completedAt: string | null;
	completedBy: string | null;
	updatedAt: string | null;
	goals: string[];
	suitability: string | null;
	riskSummary: string | null;
	plannedOnwardReferrals: string | null;
	newRisksNote: string | null;
	/** The link the youth worker follows, or null when the case cannot be assessed now. */
	action: 'Start assessment' | 'Continue assessment' | 'Change' | null;
}

export type AssessmentPanelView = AssessmentSchoolView | AssessmentServiceView;

/**
 * The assessment panel of the case page, shaped by who is looking. A school's safeguarding lead sees
 * only the date it was completed, and only with consent to share progress (DOMAIN.md §3 step 2): the
 * answers never leave the server for them. Youth workers and admins see the summary; only youth
 * workers get a link to change it. Null when there is nothing to show or the case is out of scope.
 */
export async function assessmentPanelFor(actor: Actor, referralId: string): Promise<AssessmentPanelView | null> {
	const referral = await caseInScope(actor, referralId);
	if (!referral) return null;
	if (isSchoolActor(actor)) {
		const [completed] = await db()
			.select({ completedAt: t.assessment.completedAt })
			.from(t.assessment)
			.where(and(eq(t.assessment.referralId, referralId), eq(t.assessment.schoolId, actor.schoolId ?? '')));
		if (!completed?.completedAt || !sharesProgress(await consentsOf(referralId))) return null;
		return { audience: 'school', completedAt: completed.completedAt.toISOString() };
	}
	if (actor.role !== 'youth_worker' && actor.role !== 'provider_admin') return null;
	const { row, goals } = await assessmentOf(db(), referral);
	const assessable = ASSESSABLE_STATES.includes(referral.state);
	if (!row && !assessable) return null;
	await recordAudit(db(), actor, { action: 'assessment.summary-viewed', recordType: 'referral', recordId: referralId, schoolId: referral.schoolId, detail: { assessment: row?.id ?? null } });
	const names = await userNames(db(), [row?.completedBy]);
	const status = !row ? 'not-started' : row.completedAt ? 'completed' : 'draft';
	const labels = { 'not-started': 'Start assessment', draft: 'Continue assessment', completed: 'Change' } as const;
	return {
		audience: 'service',
		referralId,
		status,
		completedAt: row?.completedAt?.toISOString() ?? null,
		completedBy: row?.completedBy ? (names.get(row.completedBy) ?? 'Former user') : null,
		updatedAt: row?.updatedAt.toISOString() ?? null,
		goals: goals.map((g) => g.text),
		suitability: row?.suitability ? labelOf(SUITABILITY_OPTIONS, row.suitability) : null,
		riskSummary: row?.riskSummary ?? null,
		plannedOnwardReferrals: row?.plannedOnwardReferrals ?? null,
		newRisksNote: row?.newRisks ? row.newRisksNote : null,
		action: actor.role === 'youth_worker' && assessable ? labels[status] : null
	};
}
