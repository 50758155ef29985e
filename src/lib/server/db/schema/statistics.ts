import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { flag } from './columns';

/**
 * The anonymised statistics row kept for each referral (DOMAIN.md §5, §7): what reports count, with
 * nothing that identifies the young person: no name, date of birth, address, UPN or free text. The
 * referral holds the link (`referral.statisticId`); retention deletes the referral and so the link,
 * and this row stays, so past reports do not change. Dates are London calendar dates (YYYY-MM-DD):
 * periods (terms, academic and financial years) are date ranges over them.
 */
export const referralStatistic = sqliteTable(
	'referral_statistic',
	{
		id: text().primaryKey(),
		serviceId: text().notNull(),
		schoolId: text().notNull(),
		/** The case's state as last refreshed. */
		state: text().notNull(),
		submittedOn: text(),
		incidentOn: text(),
		/** The young person agreed to take part (not withdrawn); a parent or carer's consent under 16 is needed to submit. */
		programmeConsent: flag(),
		/** Evaluation consent: without it the case counts in totals but not in service-wide breakdowns. */
		evaluationConsent: flag(),
		// Characteristics as recorded at referral, in report groups.
		yearGroup: text(),
		sex: text(),
		ethnicityGroup: text(),
		sen: text(),
		fsm: integer({ mode: 'boolean' }),
		lookedAfter: integer({ mode: 'boolean' }),
		/** none | cin | cp */
		socialWorker: text(),
		cameToLight: text(),
		/** The headteacher's decision and the recorded would-be and actual suspension days. */
		schoolDecision: text(),
		wouldBeDays: integer(),
		actualDays: integer(),
		policeInformed: integer({ mode: 'boolean' }),
		policeOutcome: text(),
		// Triage
		triagedOn: text(),
		/** Minutes from submission to the first triage decision. */
		triageMinutes: integer(),
		triageBreached: flag(),
		triageDecision: text(),
		levelOfNeed: integer(),
		rag: text(),
		childProtection: flag(),
		declinedEscalations: integer().notNull().default(0),
		countersignBreached: flag(),
		// Escalations, as counts by agency and how they ended
		escalations: integer().notNull().default(0),
		escalationsDecided: integer().notNull().default(0),
		escalationsBreached: integer().notNull().default(0),
		/** Comma-separated agency keys of escalations made (",mash,police,"), for LIKE-free counting in code. */
		escalationAgencies: text().notNull().default(''),
		// Engagement
		assessedOn: text(),
		firstContactOn: text(),
		firstSessionOn: text(),
		sessionsAttended: integer().notNull().default(0),
		sessionsMissed: integer().notNull().default(0),
		// Outcome
		outcome: text(),
		outcomeOn: text(),
		goalsSet: integer().notNull().default(0),
		goalsAchieved: integer().notNull().default(0),
		goalsPartly: integer().notNull().default(0),
		certificateIssued: flag(),
		onwardMade: integer().notNull().default(0),
		onwardTakenUp: integer().notNull().default(0),
		/** What the school decided when diversion did not go ahead (never overstate exclusions avoided). */
		fallbackDecision: text(),
		fallbackDays: integer(),
		// Follow-ups: pending | recorded | not_returned, and what was known (yes | no | not_known)
		followUp6Status: text(),
		followUp6DueOn: text(),
		furtherIncident6: text(),
		suspension6: text(),
		suspensionDrug6: text(),
		exclusion6: text(),
		exclusionDrug6: text(),
		police6: text(),
		followUp12Status: text(),
		followUp12DueOn: text(),
		furtherIncident12: text(),
		suspension12: text(),
		suspensionDrug12: text(),
		exclusion12: text(),
		exclusionDrug12: text(),
		police12: text(),
		updatedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('referral_statistic_school_submitted').on(t.schoolId, t.submittedOn),
		index('referral_statistic_service_submitted').on(t.serviceId, t.submittedOn),
		index('referral_statistic_service_outcome').on(t.serviceId, t.outcomeOn),
		index('referral_statistic_school_outcome').on(t.schoolId, t.outcomeOn)
	]
);

/**
 * One row per escalation, as anonymised as the referral's statistics row it hangs from (DOMAIN.md §5:
 * "escalations and their outcomes"): the agency, whether the rules required it, and how far it got.
 * The agency's decision is free text on the case and is never copied here. Kept by retention with the
 * statistics row; rewritten with it whenever the case moves on.
 */
export const escalationStatistic = sqliteTable(
	'escalation_statistic',
	{
		id: text().primaryKey(),
		statisticId: text().notNull(),
		serviceId: text().notNull(),
		schoolId: text().notNull(),
		/** The referral's submission date: escalations are counted with their referral's period. */
		submittedOn: text(),
		agency: text().notNull(),
		required: flag(),
		/** awaiting | decided | withdrawn (sent escalations only) */
		status: text().notNull(),
		decidedOn: text()
	},
	(t) => [index('escalation_statistic_service_submitted').on(t.serviceId, t.submittedOn), index('escalation_statistic_statistic').on(t.statisticId)]
);

/**
 * Referrals whose statistics row needs recomputing: every chronology entry adds one in the change's
 * own transaction, and the refresh runs after commit (a job, and every report before it reads), so
 * a report never shows a case as it was before a change that has committed.
 */
export const statisticRefresh = sqliteTable('statistic_refresh', {
	referralId: text().primaryKey(),
	requestedAt: integer({ mode: 'timestamp_ms' }).notNull()
});

/**
 * A counter per service, bumped by triggers (migration 0010) on every insert, update or delete of
 * anything a report reads for that service: statistics rows, settings, term dates, bank holidays,
 * schools, numbers on roll and the service itself. A report kept in memory is served only while the
 * counter still reads what it read when the report was built (reports/kept.ts), so no write path can
 * forget to invalidate it, on this instance or another.
 */
export const reportVersion = sqliteTable('report_version', {
	serviceId: text().primaryKey(),
	version: integer().notNull()
});

/**
 * A counter per case, per school and one for what every page shares, bumped by triggers (migration
 * 0013) on every insert, update or delete of anything the case page or a school's home page shows:
 * `scope` is a referral's id, `school:` and a school's id, or `shared` (users' names, schools,
 * settings, modules, group sessions). A rendering kept in memory (render/kept-pages.ts) is served
 * only while the counters it was built under still read the same, so no write path can forget to
 * invalidate it, on this instance or another. `tests/integration/record-version.test.ts` fails if a
 * table is neither watched nor named as not shown.
 */
export const recordVersion = sqliteTable('record_version', {
	scope: text().primaryKey(),
	version: integer().notNull()
});
