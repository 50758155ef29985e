import type { Outcome } from '$lib/outcomes';

/**
 * The outcome rule (DOMAIN.md §3 steps 6–7), pure: it proposes an outcome from plain facts, and the
 * youth worker confirms it or overrides it with a reason.
 *
 * - Completed: the assessment is complete and every core module was covered by a session the young
 *   person attended (present or late). A module missed with an excuse counts once a later or 1:1
 *   session covering it was attended.
 * - Partially completed: some session attended, but not complete.
 * - Did not engage: no session attended, or a review closed the case as did not engage.
 * - Withdrawn: the withdraw path.
 */
export type Attendance = 'present' | 'late' | 'absent' | 'excused';

export interface OutcomeFacts {
	assessmentCompleted: boolean;
	/** The core modules of the case's own module set (the set it was accepted with). */
	coreModuleIds: string[];
	/** One entry per (not cancelled) session the young person was on the register of. */
	attendance: { moduleIds: string[]; attendance: Attendance | null }[];
	withdrawn?: boolean;
	reviewClosedAsDidNotEngage?: boolean;
}

export type OutcomeBasis = 'withdrawn' | 'review-closed' | 'none-attended' | 'assessment-incomplete' | 'modules-missing' | 'all-covered';

export interface OutcomeProposal {
	outcome: Outcome;
	basis: OutcomeBasis;
	/** Core modules covered by a session attended, in the order of `coreModuleIds`. */
	coveredModuleIds: string[];
	missingModuleIds: string[];
	sessionsAttended: number;
}

/** Attended means present or late (DOMAIN.md §3 step 6). */
export function attended(attendance: Attendance | null): boolean {
	return attendance === 'present' || attendance === 'late';
}

export function proposeOutcome(facts: OutcomeFacts): OutcomeProposal {
	const attendedSessions = facts.attendance.filter((s) => attended(s.attendance));
	const covered = new Set(attendedSessions.flatMap((s) => s.moduleIds));
	const coveredModuleIds = facts.coreModuleIds.filter((id) => covered.has(id));
	const missingModuleIds = facts.coreModuleIds.filter((id) => !covered.has(id));
	const base = { coveredModuleIds, missingModuleIds, sessionsAttended: attendedSessions.length };
	if (facts.withdrawn) return { ...base, outcome: 'withdrawn', basis: 'withdrawn' };
	if (facts.reviewClosedAsDidNotEngage) return { ...base, outcome: 'did_not_engage', basis: 'review-closed' };
	if (attendedSessions.length === 0) return { ...base, outcome: 'did_not_engage', basis: 'none-attended' };
	if (!facts.assessmentCompleted) return { ...base, outcome: 'partially_completed', basis: 'assessment-incomplete' };
	if (missingModuleIds.length > 0 || facts.coreModuleIds.length === 0) return { ...base, outcome: 'partially_completed', basis: 'modules-missing' };
	return { ...base, outcome: 'completed', basis: 'all-covered' };
}

/** Why the rule proposed what it did, in words for the outcome page. */
export const OUTCOME_BASIS_TEXT: Record<OutcomeBasis, string> = {
	withdrawn: 'The young person withdrew from the programme.',
	'review-closed': 'A review after missed sessions closed the case as did not engage.',
	'none-attended': 'The young person attended no session (present or late).',
	'assessment-incomplete': 'The assessment is not complete.',
	'modules-missing': 'Not every core module was attended.',
	'all-covered': 'The assessment is complete and every core module was attended.'
};
