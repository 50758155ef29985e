import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, flag, id, timestamp, version } from './columns';
import { referral } from './referrals';
import { service } from './tenancy';

/**
 * The second half of the path (DOMAIN.md §3 steps 5–11): assessment, programme sessions and their
 * registers, reviews, the outcome, goals, the certificate, onward referrals and follow-ups. Every
 * pupil-level row carries its referral's school and service.
 */

/**
 * The youth worker's assessment across the life domains (DOMAIN.md §3 step 5). One row per referral,
 * saved as a draft until completed. The school never sees the answers, only that it took place.
 */
export const assessment = sqliteTable(
	'assessment',
	{
		id: id(),
		referralId: text()
			.notNull()
			.references(() => referral.id),
		serviceId: text().notNull(),
		schoolId: text().notNull(),
		/** Domain key → text as typed (JSON). */
		answers: text().notNull().default('{}'),
		riskSummary: text(),
		/** group | one_to_one */
		suitability: text(),
		plannedOnwardReferrals: text(),
		/** New risks found: the case went back to triage. */
		newRisks: flag(),
		newRisksNote: text(),
		completedAt: timestamp(),
		completedBy: text(),
		version: version(),
		createdAt: createdAt(),
		createdBy: text().notNull(),
		updatedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		updatedBy: text().notNull()
	},
	(t) => [uniqueIndex('assessment_referral').on(t.referralId)]
);

/** The young person's goals, in their own words, set at assessment and rated at outcome. */
export const goal = sqliteTable(
	'goal',
	{
		id: id(),
		referralId: text()
			.notNull()
			.references(() => referral.id),
		serviceId: text().notNull(),
		schoolId: text().notNull(),
		position: integer().notNull(),
		text: text().notNull(),
		/** achieved | partly | not, recorded at outcome. */
		achievement: text(),
		ratedAt: timestamp(),
		ratedBy: text()
	},
	(t) => [uniqueIndex('goal_position').on(t.referralId, t.position)]
);

/**
 * A programme session (a support_session: the word "session" alone means a login session). Group sessions belong to the service and can hold young people from several
 * schools; 1:1 sessions hold one. Times are Europe/London wall-clock (date + HH:MM) with the instant
 * kept for sorting and calendars.
 */
export const supportSession = sqliteTable(
	'support_session',
	{
		id: id(),
		serviceId: text()
			.notNull()
			.references(() => service.id),
		/** group | one_to_one */
		kind: text().notNull(),
		/** ISO date and HH:MM, Europe/London. */
		date: text().notNull(),
		startTime: text().notNull(),
		startsAt: integer({ mode: 'timestamp_ms' }).notNull(),
		durationMinutes: integer().notNull(),
		/** in_person | remote */
		mode: text().notNull(),
		place: text(),
		link: text(),
		facilitatorId: text(),
		cancelledAt: timestamp(),
		cancelledReason: text(),
		version: version(),
		createdAt: createdAt(),
		createdBy: text().notNull(),
		updatedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('support_session_service_time').on(t.serviceId, t.startsAt, t.id)]
);

/** The modules a session covers (ids from the case's module set). */
export const supportSessionModule = sqliteTable(
	'support_session_module',
	{
		sessionId: text()
			.notNull()
			.references(() => supportSession.id),
		moduleId: text().notNull()
	},
	(t) => [primaryKey({ columns: [t.sessionId, t.moduleId] })]
);

/**
 * One young person in one session: the register row. It belongs to its pupil's school, so a school's
 * queries (which always filter by school) never reach another school's pupil in a shared session.
 */
export const supportSessionAttendee = sqliteTable(
	'support_session_attendee',
	{
		id: id(),
		sessionId: text()
			.notNull()
			.references(() => supportSession.id),
		referralId: text()
			.notNull()
			.references(() => referral.id),
		serviceId: text().notNull(),
		schoolId: text().notNull(),
		/** present | late | absent | excused; null until the register is taken. */
		attendance: text(),
		note: text(),
		recordedAt: timestamp(),
		recordedBy: text(),
		version: version(),
		addedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		addedBy: text().notNull()
	},
	(t) => [
		uniqueIndex('support_session_attendee_key').on(t.sessionId, t.referralId),
		index('support_session_attendee_referral').on(t.referralId),
		index('support_session_attendee_school').on(t.schoolId, t.sessionId)
	]
);

/**
 * Something a youth worker must review on a case: two unexcused absences, say. The case's review flag
 * is set while any review or countersignature is open. The decision: continue, move to 1:1, or close
 * as did not engage (DOMAIN.md §3 step 6).
 */
export const caseReview = sqliteTable(
	'case_review',
	{
		id: id(),
		referralId: text()
			.notNull()
			.references(() => referral.id),
		serviceId: text().notNull(),
		schoolId: text().notNull(),
		/** absences */
		reason: text().notNull(),
		raisedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		/** continue | one_to_one | close_did_not_engage */
		decision: text(),
		note: text(),
		decidedAt: timestamp(),
		decidedBy: text()
	},
	(t) => [index('case_review_referral').on(t.referralId), index('case_review_service_open').on(t.serviceId, t.decidedAt)]
);

/** The outcome (DOMAIN.md §3 step 7): what the rule proposed, what the youth worker confirmed, and why if it differs. */
export const caseOutcome = sqliteTable(
	'case_outcome',
	{
		id: id(),
		referralId: text()
			.notNull()
			.references(() => referral.id),
		serviceId: text().notNull(),
		schoolId: text().notNull(),
		/** completed | partially_completed | did_not_engage | withdrawn */
		proposed: text().notNull(),
		outcome: text().notNull(),
		overrideReason: text(),
		/** ISO date the outcome took effect: reports key completions by it. */
		outcomeOn: text().notNull(),
		recordedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		recordedBy: text().notNull()
	},
	(t) => [uniqueIndex('case_outcome_referral').on(t.referralId), index('case_outcome_service_date').on(t.serviceId, t.outcomeOn)]
);

/**
 * A completion certificate, rendered once at issue; downloads serve the kept bytes. The verification
 * code (at least 50 random bits) is what the public check page looks up.
 */
export const certificate = sqliteTable(
	'certificate',
	{
		id: id(),
		referralId: text()
			.notNull()
			.references(() => referral.id),
		serviceId: text().notNull(),
		schoolId: text().notNull(),
		verificationCode: text().notNull(),
		/** The preferred name as confirmed at issue, and the initials the check page shows. */
		name: text().notNull(),
		initials: text().notNull(),
		completedOn: text().notNull(),
		pdf: blob({ mode: 'buffer' }).notNull(),
		sha256: text().notNull(),
		issuedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		issuedBy: text().notNull(),
		revokedAt: timestamp(),
		revokedBy: text(),
		revokedReason: text()
	},
	(t) => [uniqueIndex('certificate_code').on(t.verificationCode), index('certificate_referral').on(t.referralId)]
);

/** Onward referrals to specialist treatment and wrap-around services (DOMAIN.md §3 step 9). */
export const onwardReferral = sqliteTable(
	'onward_referral',
	{
		id: id(),
		referralId: text()
			.notNull()
			.references(() => referral.id),
		serviceId: text().notNull(),
		schoolId: text().notNull(),
		/** The service referred to, as typed. */
		toService: text().notNull(),
		referredOn: text().notNull(),
		/** yes | no | not_known */
		accepted: text().notNull(),
		takenUp: text().notNull(),
		note: text(),
		version: version(),
		createdAt: createdAt(),
		createdBy: text().notNull(),
		updatedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		updatedBy: text().notNull()
	},
	(t) => [index('onward_referral_referral').on(t.referralId)]
);

/**
 * A follow-up at 6 (or 12) months after the outcome (DOMAIN.md §3 step 10): prompted, chased after 10
 * working days, closed as not returned after a set period. Answers are as the school (or the provider,
 * for police contact it was told of) recorded them.
 */
export const followUp = sqliteTable(
	'follow_up',
	{
		id: id(),
		referralId: text()
			.notNull()
			.references(() => referral.id),
		serviceId: text().notNull(),
		schoolId: text().notNull(),
		/** 6 or 12 */
		months: integer().notNull(),
		/** ISO date the follow-up falls due, and the instant it was scheduled for. */
		dueOn: text().notNull(),
		dueAt: integer({ mode: 'timestamp_ms' }).notNull(),
		promptedAt: timestamp(),
		chaseAt: timestamp(),
		chasedAt: timestamp(),
		closeAt: timestamp(),
		notReturnedAt: timestamp(),
		/** yes | no | not_known for each question. */
		furtherDrugIncident: text(),
		suspension: text(),
		suspensionDrugRelated: text(),
		exclusion: text(),
		exclusionDrugRelated: text(),
		policeContact: text(),
		/** Police contact the provider has been told of, added by a youth worker. */
		providerPoliceContact: text(),
		providerPoliceNote: text(),
		onwardTakeUp: text(),
		note: text(),
		recordedAt: timestamp(),
		recordedBy: text(),
		recordedByRole: text(),
		version: version()
	},
	(t) => [
		uniqueIndex('follow_up_key').on(t.referralId, t.months),
		index('follow_up_service_open').on(t.serviceId, t.recordedAt, t.dueAt),
		// A school's follow-ups to record, soonest due first (the DSL's home): those marked not returned,
		// which stay unrecorded for good, are never walked past (issue 8).
		index('follow_up_school_open').on(t.schoolId, t.recordedAt, t.notReturnedAt, t.dueAt, t.id)
	]
);
