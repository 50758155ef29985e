import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, flag, id, timestamp, version } from './columns';
import { referral } from './referrals';

/**
 * Safeguarding triage of a referral (DOMAIN.md §3 step 3, §4). One row per round: a case sent back to
 * triage (new risks at assessment) gets a new round; earlier rounds stay as evidence.
 */
export const triage = sqliteTable(
	'triage',
	{
		id: id(),
		referralId: text()
			.notNull()
			.references(() => referral.id),
		serviceId: text().notNull(),
		schoolId: text().notNull(),
		round: integer().notNull(),
		/** Indicator key → { answer: yes|no|unknown, note }, as typed (JSON). */
		answers: text().notNull(),
		levelOfNeed: integer(),
		rag: text(),
		/** What the rules suggested when the decision was made (JSON list of agencies, and a rating). */
		requiredEscalations: text().notNull().default('[]'),
		suggestedRag: text(),
		leadYouthWorkerId: text(),
		decision: text(),
		notSuitableReason: text(),
		redirectedTo: text(),
		decidedAt: timestamp(),
		decidedBy: text(),
		version: version(),
		createdAt: createdAt(),
		createdBy: text().notNull(),
		updatedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('triage_referral').on(t.referralId, t.round)]
);

/** An escalation to another agency (DOMAIN.md §3 step 4): any number, from any state. */
export const escalation = sqliteTable(
	'escalation',
	{
		id: id(),
		referralId: text()
			.notNull()
			.references(() => referral.id),
		serviceId: text().notNull(),
		schoolId: text().notNull(),
		agency: text().notNull(),
		state: text().notNull(),
		/** Whether the triage rules required it. */
		required: flag(),
		method: text(),
		sentAt: timestamp(),
		/** A MASH escalation made by phone: when the written referral that must follow within 24 hours was sent. */
		writtenReferralAt: timestamp(),
		reference: text(),
		lawfulBasis: text(),
		acknowledgedAt: timestamp(),
		decision: text(),
		decisionAt: timestamp(),
		outcome: text(),
		nextAction: text(),
		createdBy: text().notNull(),
		createdByRole: text().notNull(),
		createdAt: createdAt(),
		updatedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		version: version()
	},
	(t) => [index('escalation_referral').on(t.referralId), index('escalation_service_state').on(t.serviceId, t.state)]
);

/**
 * A decision a senior youth worker or provider admin must countersign within one working day: a
 * declined required escalation (with its rationale) or a not-suitable decision (DOMAIN.md §3 step 3).
 */
export const countersign = sqliteTable(
	'countersign',
	{
		id: id(),
		referralId: text()
			.notNull()
			.references(() => referral.id),
		serviceId: text().notNull(),
		schoolId: text().notNull(),
		kind: text().notNull(),
		/** The agency declined, for a declined escalation. */
		agency: text(),
		rationale: text().notNull(),
		requestedBy: text().notNull(),
		requestedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		dueAt: integer({ mode: 'timestamp_ms' }).notNull(),
		countersignedBy: text(),
		countersignedAt: timestamp(),
		comment: text()
	},
	(t) => [index('countersign_service_open').on(t.serviceId, t.countersignedAt, t.dueAt), index('countersign_referral').on(t.referralId)]
);
