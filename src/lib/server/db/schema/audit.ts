import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Append-only (SECURITY.md 15): triggers in the migration refuse UPDATE and DELETE, and no foreign
 * key points anywhere, so rows outlive the users and pupils they name. Ids and action names only.
 */
export const auditEvent = sqliteTable(
	'audit_event',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		at: integer({ mode: 'timestamp_ms' }).notNull(),
		actorUserId: text(),
		actorRole: text(),
		serviceId: text(),
		schoolId: text(),
		action: text().notNull(),
		recordType: text(),
		recordId: text(),
		/** Codes only (a filter name, a state): never names or free text. */
		detail: text(),
		address: text()
	},
	(t) => [
		index('audit_service_at').on(t.serviceId, t.id),
		index('audit_actor').on(t.actorUserId, t.id),
		index('audit_record').on(t.recordType, t.recordId, t.id)
	]
);
