import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns';

/** Emails and scheduled jobs, claimed with a lease so several instances can share the work. */
export const outbox = sqliteTable(
	'outbox',
	{
		id: id(),
		kind: text().notNull(),
		serviceId: text(),
		payload: text().notNull(),
		/** Set for scheduled jobs so one run is queued once, whichever instance queues it. */
		dedupeKey: text().unique(),
		status: text().notNull(),
		runAt: integer({ mode: 'timestamp_ms' }).notNull(),
		attempts: integer().notNull().default(0),
		leaseOwner: text(),
		leaseUntil: timestamp(),
		lastError: text(),
		doneAt: timestamp(),
		createdAt: createdAt()
	},
	(t) => [index('outbox_due').on(t.status, t.runAt)]
);
