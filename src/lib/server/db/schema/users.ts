import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, flag, id, timestamp, version } from './columns';
import { school, service } from './tenancy';

export const user = sqliteTable('user', {
	id: id(),
	/** Stored lower-cased; unique across the deployment. */
	email: text().notNull().unique(),
	displayName: text().notNull(),
	passwordHash: text(),
	active: flag(),
	/** A senior youth worker may countersign decisions. */
	senior: flag(),
	totpKey: blob({ mode: 'buffer' }),
	/** A key shown at enrolment, kept until the first code proves the app holds it. */
	totpPendingKey: blob({ mode: 'buffer' }),
	totpEnrolledAt: timestamp(),
	/** The last TOTP time step accepted: a code at or before it is a replay. */
	totpLastStep: integer(),
	passwordChangedAt: timestamp(),
	version: version(),
	createdAt: createdAt()
});

/** Role plus school or service. One per user for now; its own table so that may change. */
export const membership = sqliteTable(
	'membership',
	{
		id: id(),
		userId: text()
			.notNull()
			.references(() => user.id),
		role: text().notNull(),
		serviceId: text()
			.notNull()
			.references(() => service.id),
		schoolId: text().references(() => school.id),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('membership_user').on(t.userId), index('membership_service').on(t.serviceId, t.role)]
);

export const recoveryCode = sqliteTable(
	'recovery_code',
	{
		id: id(),
		userId: text()
			.notNull()
			.references(() => user.id),
		codeHash: text().notNull(),
		usedAt: timestamp(),
		createdAt: createdAt()
	},
	(t) => [index('recovery_code_user').on(t.userId)]
);
