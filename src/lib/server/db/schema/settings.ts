import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, flag, id, timestamp, version } from './columns';
import { service } from './tenancy';

/** Scalar settings per service, stored as JSON and validated by the settings schemas on read. */
export const setting = sqliteTable(
	'setting',
	{
		serviceId: text()
			.notNull()
			.references(() => service.id),
		key: text().notNull(),
		value: text().notNull(),
		version: version(),
		updatedAt: timestamp(),
		updatedBy: text()
	},
	(t) => [primaryKey({ columns: [t.serviceId, t.key] })]
);

/** Modules are versioned: a change makes a new set, and a case keeps the set it started with. */
export const moduleSet = sqliteTable(
	'module_set',
	{
		id: id(),
		serviceId: text()
			.notNull()
			.references(() => service.id),
		createdAt: createdAt(),
		createdBy: text()
	},
	(t) => [index('module_set_service').on(t.serviceId, t.createdAt)]
);

export const programmeModule = sqliteTable(
	'programme_module',
	{
		id: id(),
		moduleSetId: text()
			.notNull()
			.references(() => moduleSet.id),
		position: integer().notNull(),
		title: text().notNull(),
		core: flag()
	},
	(t) => [uniqueIndex('programme_module_position').on(t.moduleSetId, t.position)]
);

export const bankHoliday = sqliteTable(
	'bank_holiday',
	{
		serviceId: text()
			.notNull()
			.references(() => service.id),
		/** ISO date, YYYY-MM-DD, in England and Wales. */
		date: text().notNull(),
		name: text().notNull()
	},
	(t) => [primaryKey({ columns: [t.serviceId, t.date] })]
);

export const termDate = sqliteTable(
	'term_date',
	{
		id: id(),
		serviceId: text()
			.notNull()
			.references(() => service.id),
		/** The year the academic year starts in: 2026 is 2026/27. */
		academicYear: integer().notNull(),
		term: text().notNull(),
		startsOn: text().notNull(),
		endsOn: text().notNull(),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('term_date_key').on(t.serviceId, t.academicYear, t.term)]
);
