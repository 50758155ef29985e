import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns';
import { user } from './users';

/** A sign-in session (the Lucia design): only a SHA-256 of the secret is stored. */
export const authSession = sqliteTable(
	'auth_session',
	{
		id: id(),
		userId: text()
			.notNull()
			.references(() => user.id),
		secretHash: blob({ mode: 'buffer' }).notNull(),
		createdAt: createdAt(),
		lastActiveAt: integer({ mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
		mfaVerifiedAt: timestamp(),
		address: text().notNull(),
		userAgent: text().notNull()
	},
	(t) => [index('auth_session_user').on(t.userId)]
);

/** One-time links: set a password (new user) or reset a forgotten one. Only the hash is stored. */
export const authToken = sqliteTable(
	'auth_token',
	{
		id: id(),
		userId: text()
			.notNull()
			.references(() => user.id),
		purpose: text().notNull(),
		tokenHash: text().notNull().unique(),
		expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
		usedAt: timestamp(),
		createdAt: createdAt()
	},
	(t) => [index('auth_token_user').on(t.userId)]
);

/** Fixed-window counters, in the database so every instance shares them. */
export const rateLimit = sqliteTable('rate_limit', {
	key: text().primaryKey(),
	windowStart: integer({ mode: 'timestamp_ms' }).notNull(),
	count: integer().notNull()
});

/**
 * A form posted after the session timed out, kept for the same person for an hour so that after
 * signing in again they are back on the form with what they typed (SECURITY.md 8).
 */
export const pendingForm = sqliteTable(
	'pending_form',
	{
		id: id(),
		userId: text()
			.notNull()
			.references(() => user.id),
		path: text().notNull(),
		payload: text().notNull(),
		expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
		createdAt: createdAt()
	},
	(t) => [index('pending_form_user').on(t.userId)]
);
