import { t } from '../db';

/**
 * Every table holding pupil-level rows of one referral, by its referral column (DOMAIN.md §7):
 * deletion removes these, children before the referral itself. The audit log and the anonymised
 * statistics row are not here: they are kept. A test scans every table after a deletion, so a table
 * added later without a line here fails it.
 */
export const PUPIL_TABLES = [
	{ label: 'Referral form answers', table: t.referralSection, column: t.referralSection.referralId },
	{ label: 'Consents', table: t.consent, column: t.consent.referralId },
	{ label: 'Chronology entries', table: t.caseEvent, column: t.caseEvent.referralId },
	{ label: 'Timers', table: t.caseTimer, column: t.caseTimer.referralId },
	{ label: 'Proposed matches', table: t.matchProposal, column: t.matchProposal.referralId },
	{ label: 'Matches proposed from later referrals', table: t.matchProposal, column: t.matchProposal.matchedReferralId },
	{ label: 'Triage rounds', table: t.triage, column: t.triage.referralId },
	{ label: 'Escalations', table: t.escalation, column: t.escalation.referralId },
	{ label: 'Countersignatures', table: t.countersign, column: t.countersign.referralId },
	{ label: 'Assessment', table: t.assessment, column: t.assessment.referralId },
	{ label: 'Goals', table: t.goal, column: t.goal.referralId },
	{ label: 'Session attendance (this young person’s only)', table: t.supportSessionAttendee, column: t.supportSessionAttendee.referralId },
	{ label: 'Reviews', table: t.caseReview, column: t.caseReview.referralId },
	{ label: 'Outcome', table: t.caseOutcome, column: t.caseOutcome.referralId },
	{ label: 'Certificates', table: t.certificate, column: t.certificate.referralId },
	{ label: 'Onward referrals', table: t.onwardReferral, column: t.onwardReferral.referralId },
	{ label: 'Follow-ups', table: t.followUp, column: t.followUp.referralId },
	{ label: 'Pending statistics refresh', table: t.statisticRefresh, column: t.statisticRefresh.referralId }
] as const;
