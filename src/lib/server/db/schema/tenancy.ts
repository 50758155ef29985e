import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, flag, id, version } from './columns';

/** One area's programme. Nothing crosses between services. */
export const service = sqliteTable('service', {
	id: id(),
	name: text().notNull(),
	createdAt: createdAt()
});

export const school = sqliteTable(
	'school',
	{
		id: id(),
		serviceId: text()
			.notNull()
			.references(() => service.id),
		name: text().notNull(),
		urn: text().notNull(),
		type: text().notNull(),
		phase: text().notNull(),
		localAuthority: text().notNull(),
		active: flag(),
		version: version(),
		createdAt: createdAt()
	},
	(t) => [index('school_service_idx').on(t.serviceId, t.name), uniqueIndex('school_urn_idx').on(t.serviceId, t.urn)]
);

/** Numbers on roll by characteristic, per academic year, from the school census (for disproportionality). */
export const schoolRoll = sqliteTable(
	'school_roll',
	{
		schoolId: text()
			.notNull()
			.references(() => school.id),
		serviceId: text()
			.notNull()
			.references(() => service.id),
		academicYear: integer().notNull(),
		characteristic: text().notNull(),
		groupCode: text().notNull(),
		count: integer().notNull()
	},
	(t) => [uniqueIndex('school_roll_key').on(t.schoolId, t.academicYear, t.characteristic, t.groupCode)]
);

/** The numbers the app tells people to use, per local authority within a service. */
export const localContact = sqliteTable(
	'local_contact',
	{
		id: id(),
		serviceId: text()
			.notNull()
			.references(() => service.id),
		localAuthority: text().notNull(),
		mashPhone: text().notNull(),
		emergencyDutyPhone: text().notNull(),
		policeNonEmergencyPhone: text().notNull(),
		yotPhone: text().notNull(),
		camhsCrisisPhone: text().notNull(),
		version: version()
	},
	(t) => [uniqueIndex('local_contact_la').on(t.serviceId, t.localAuthority)]
);
