import { and, eq } from 'drizzle-orm';
import { formatAcademicYear, parseRollCount, ROLL_FIELDS, ROLL_MAX } from '$lib/schemas/admin-schools';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { findSchool } from './schools';

/*
 * Numbers on roll by characteristic, per school and academic year, entered by a provider admin from
 * the school census. Reports divide referrals by these, so a blank stays blank (not entered), never 0.
 */

const EARLIEST_YEAR = 2000;

/** The academic year (1 September to 31 August) that `now` falls in, named by the year it starts. */
export function currentAcademicYear(now = new Date()): number {
	return now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
}

/** A year from the address: four digits, from 2000 to next year; anything else is not a page. */
export function parseAcademicYear(value: string, now = new Date()): number | null {
	if (!/^\d{4}$/.test(value)) return null;
	const year = Number(value);
	return year >= EARLIEST_YEAR && year <= currentAcademicYear(now) + 1 ? year : null;
}

export interface RollYear {
	year: number;
	label: string;
	/** How many groups have a number entered. */
	entered: number;
}

/** The years to offer on a school's page: this year and the four before, plus any other year with numbers. */
export async function rollYears(actor: Actor, schoolId: string, now = new Date()): Promise<RollYear[]> {
	const rows = await db()
		.select({ year: t.schoolRoll.academicYear })
		.from(t.schoolRoll)
		.where(and(eq(t.schoolRoll.schoolId, schoolId), eq(t.schoolRoll.serviceId, actor.serviceId)));
	const entered = new Map<number, number>();
	for (const row of rows) entered.set(row.year, (entered.get(row.year) ?? 0) + 1);
	const current = currentAcademicYear(now);
	const years = new Set<number>([...Array.from({ length: 5 }, (_, i) => current - i), ...entered.keys()]);
	return [...years].sort((a, b) => b - a).map((year) => ({ year, label: formatAcademicYear(year), entered: entered.get(year) ?? 0 }));
}

export interface RollView {
	school: { id: string; name: string };
	year: number;
	label: string;
	/** Form values by field name: the stored count as text, or '' when not entered. */
	values: Record<string, string>;
}

/** A school's numbers for one year, for its form; the read is audited. Null outside the service. */
export async function viewRoll(actor: Actor, schoolId: string, year: number): Promise<RollView | null> {
	// A read: no transaction, so it never holds the connection the layout's load is waiting for.
	const school = await findSchool(db(), actor, schoolId);
	if (!school) return null;
	const rows = await db()
		.select({ characteristic: t.schoolRoll.characteristic, groupCode: t.schoolRoll.groupCode, count: t.schoolRoll.count })
		.from(t.schoolRoll)
		.where(and(eq(t.schoolRoll.schoolId, school.id), eq(t.schoolRoll.serviceId, actor.serviceId), eq(t.schoolRoll.academicYear, year)));
	const stored = new Map(rows.map((row) => [`${row.characteristic}_${row.groupCode}`, row.count]));
	const values = Object.fromEntries(ROLL_FIELDS.map((field) => [field.name, stored.has(field.name) ? String(stored.get(field.name)) : '']));
	await recordAudit(db(), actor, { action: 'school.roll-viewed', recordType: 'school', recordId: school.id, detail: { academicYear: year } });
	return { school: { id: school.id, name: school.name }, year, label: formatAcademicYear(year), values };
}

/**
 * Saves a year's numbers (validated by rollSchema; a missing field counts as blank): each group is
 * written, or removed when left blank. Returns false when the school is not in the actor's service.
 */
export async function saveRoll(actor: Actor, schoolId: string, year: number, values: Record<string, string>): Promise<boolean> {
	// The route validated with rollSchema already; this keeps a bad count out of reports whoever calls.
	for (const field of ROLL_FIELDS) {
		const value = values[field.name]?.trim() ?? '';
		const count = parseRollCount(value);
		if (value !== '' && (count === null || count > ROLL_MAX)) throw new Error(`Numbers on roll not validated: ${field.name}`);
	}
	return db().transaction(async (tx) => {
		const school = await findSchool(tx, actor, schoolId);
		if (!school) return false;
		let entered = 0;
		for (const field of ROLL_FIELDS) {
			const key = and(
				eq(t.schoolRoll.schoolId, school.id),
				eq(t.schoolRoll.academicYear, year),
				eq(t.schoolRoll.characteristic, field.characteristic),
				eq(t.schoolRoll.groupCode, field.groupCode)
			);
			const count = parseRollCount(values[field.name] ?? '');
			if (count === null) {
				await tx.delete(t.schoolRoll).where(key);
				continue;
			}
			entered++;
			await tx
				.insert(t.schoolRoll)
				.values({ schoolId: school.id, serviceId: actor.serviceId, academicYear: year, characteristic: field.characteristic, groupCode: field.groupCode, count })
				.onConflictDoUpdate({ target: [t.schoolRoll.schoolId, t.schoolRoll.academicYear, t.schoolRoll.characteristic, t.schoolRoll.groupCode], set: { count } });
		}
		await recordAudit(tx, actor, { action: 'school.roll-saved', recordType: 'school', recordId: school.id, detail: { academicYear: year, entered } });
		return true;
	});
}
