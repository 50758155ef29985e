import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, flag, id, timestamp, version } from './columns';
import { school, service } from './tenancy';

/**
 * One record per referral: the case (DOMAIN.md §3). The form's answers live in referral_section as
 * typed; the columns here are what lists, search, matching, timers and reports need, refreshed from
 * the sections whenever they are saved. Characteristics are kept as they were at referral.
 */
export const referral = sqliteTable(
	'referral',
	{
		id: id(),
		serviceId: text()
			.notNull()
			.references(() => service.id),
		schoolId: text()
			.notNull()
			.references(() => school.id),
		state: text().notNull(),
		version: version(),
		createdAt: createdAt(),
		createdBy: text().notNull(),
		updatedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		submittedAt: timestamp(),
		submittedBy: text(),
		/** Set when a youth worker saves the first triage answer: the school can no longer correct details. */
		triageStartedAt: timestamp(),
		/** Display name for lists: the preferred name, or the legal first name, with the legal last name. */
		displayName: text().notNull().default(''),
		/** Lower-cased, accent-free names for prefix search and matching (indexed). */
		forenameKey: text().notNull().default(''),
		surnameKey: text().notNull().default(''),
		dateOfBirth: text(),
		upn: text(),
		/** Characteristics at referral, for reports (DOMAIN.md §5). */
		yearGroup: text(),
		sex: text(),
		ethnicity: text(),
		sen: text(),
		fsm: integer({ mode: 'boolean' }),
		lookedAfter: integer({ mode: 'boolean' }),
		socialWorker: text(),
		incidentDate: text(),
		decision: text(),
		/** Flags, not states (DOMAIN.md §3). */
		reviewFlag: flag(),
		childProtection: flag(),
		legalHold: flag(),
		/** The young person this referral is confirmed to be about, across referrals in the service. */
		youngPersonId: text(),
		leadYouthWorkerId: text(),
		/** The programme's module set when the case was accepted: the case keeps it (DOMAIN.md §3 step 6). */
		moduleSetId: text(),
		/** The anonymised statistics row (referral_statistic.id): deleting the referral deletes the link, not the row. */
		statisticId: text(),
		withdrawnReason: text(),
		/** What the school decided when diversion did not go ahead (DOMAIN.md §3: never overstate exclusions avoided). */
		fallbackDecision: text(),
		fallbackDays: integer(),
		fallbackRecordedAt: timestamp(),
		fallbackRecordedBy: text(),
		/**
		 * Retention (DOMAIN.md §7). When the case closed, the date its record is due for review, and why
		 * that date: `child_protection` (kept until the 25th birthday), `diversion` (a set period after
		 * closure) or `extended` (an admin kept it longer on review, saying why in `retentionNote`).
		 */
		closedAt: timestamp(),
		retentionReviewOn: text(),
		retentionBasis: text(),
		retentionNote: text(),
		/** Who placed the legal hold, when and why: a held record cannot be deleted. */
		legalHoldReason: text(),
		legalHoldBy: text(),
		legalHoldAt: timestamp()
	},
	(t) => [
		index('referral_school_list').on(t.schoolId, t.createdAt, t.id),
		index('referral_school_state').on(t.schoolId, t.state, t.createdAt, t.id),
		index('referral_school_forename').on(t.schoolId, t.forenameKey),
		index('referral_school_surname').on(t.schoolId, t.surnameKey),
		index('referral_service_state').on(t.serviceId, t.state, t.submittedAt),
		index('referral_service_match').on(t.serviceId, t.surnameKey, t.dateOfBirth),
		/** Subject access: finding a young person by first name across the service (DOMAIN.md §7). */
		index('referral_service_forename').on(t.serviceId, t.forenameKey),
		index('referral_young_person').on(t.youngPersonId),
		index('referral_retention_review').on(t.serviceId, t.retentionReviewOn, t.id),
		index('referral_legal_hold').on(t.serviceId, t.legalHold, t.id)
	]
);

/** The form's answers, one row per task-list section, stored exactly as typed (JSON). */
export const referralSection = sqliteTable(
	'referral_section',
	{
		referralId: text()
			.notNull()
			.references(() => referral.id),
		serviceId: text().notNull(),
		schoolId: text().notNull(),
		section: text().notNull(),
		data: text().notNull(),
		complete: flag(),
		version: version(),
		updatedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		updatedBy: text().notNull(),
		/** The login session that last wrote an audit row for this section (autosave audits once per session). */
		auditedSessionId: text()
	},
	(t) => [uniqueIndex('referral_section_key').on(t.referralId, t.section)]
);

/** The chronology: every transition, edit and decision, with who, when and why (DOMAIN.md §7). */
export const caseEvent = sqliteTable(
	'case_event',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		referralId: text()
			.notNull()
			.references(() => referral.id),
		serviceId: text().notNull(),
		schoolId: text().notNull(),
		at: integer({ mode: 'timestamp_ms' }).notNull(),
		actorUserId: text(),
		actorRole: text(),
		kind: text().notNull(),
		fromState: text(),
		toState: text(),
		section: text(),
		reason: text(),
		/** Whether the school sees this entry (shaped by consent to share progress). */
		schoolVisible: flag()
	},
	(t) => [index('case_event_referral').on(t.referralId, t.id)]
);

/** Timers: a due time computed when the timer starts, and the time it was met (DOMAIN.md §3). */
export const caseTimer = sqliteTable(
	'case_timer',
	{
		id: id(),
		referralId: text()
			.notNull()
			.references(() => referral.id),
		serviceId: text().notNull(),
		schoolId: text().notNull(),
		kind: text().notNull(),
		/** The escalation or countersignature the timer belongs to, when it is not the case's own. */
		subjectId: text(),
		startedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		dueAt: integer({ mode: 'timestamp_ms' }).notNull(),
		metAt: timestamp(),
		/** Stopped without being met (the case was withdrawn, say): no longer due, and not a breach. */
		stoppedAt: timestamp(),
		/** When the overdue alert went out, so it goes once. */
		alertedAt: timestamp()
	},
	(t) => [
		// Running timers by service, soonest due first (the triage queue, the due list, overdue alerts):
		// timers met or stopped, which pile up over the years as cases close, are never walked (issue 8).
		index('case_timer_open').on(t.serviceId, t.metAt, t.stoppedAt, t.dueAt, t.id),
		index('case_timer_referral').on(t.referralId, t.kind)
	]
);

/** Consents as recorded at submission; withdrawal is recorded, never deleted (DOMAIN.md §3). */
export const consent = sqliteTable(
	'consent',
	{
		id: id(),
		referralId: text()
			.notNull()
			.references(() => referral.id),
		serviceId: text().notNull(),
		schoolId: text().notNull(),
		kind: text().notNull(),
		given: integer({ mode: 'boolean' }).notNull(),
		givenBy: text(),
		method: text(),
		givenOn: text(),
		withdrawnAt: timestamp(),
		withdrawnBy: text(),
		withdrawnReason: text(),
		version: version()
	},
	(t) => [uniqueIndex('consent_referral_kind').on(t.referralId, t.kind)]
);

/** A young person across referrals in one service, once a youth worker confirms a match. */
export const youngPerson = sqliteTable('young_person', {
	id: id(),
	serviceId: text()
		.notNull()
		.references(() => service.id),
	createdAt: createdAt()
});

/** A proposed match of a new referral with an earlier one, for a youth worker to confirm or reject. */
export const matchProposal = sqliteTable(
	'match_proposal',
	{
		id: id(),
		serviceId: text().notNull(),
		referralId: text()
			.notNull()
			.references(() => referral.id),
		matchedReferralId: text()
			.notNull()
			.references(() => referral.id),
		basis: text().notNull(),
		status: text().notNull(),
		decidedBy: text(),
		decidedAt: timestamp(),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('match_pair').on(t.referralId, t.matchedReferralId), index('match_service_status').on(t.serviceId, t.status)]
);
