import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { SchoolFields } from '$lib/schemas/admin-schools';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Queryable } from '../db';
import { newId } from '../util/ids';

/*
 * A provider admin's schools and colleges. Every query carries the actor's service in its WHERE
 * clause (SECURITY.md 4): a school of another service is "not found", never "forbidden".
 */

export interface SchoolRow {
	id: string;
	name: string;
	urn: string;
	type: string;
	phase: string;
	localAuthority: string;
	active: boolean;
	version: number;
}

const columns = {
	id: t.school.id,
	name: t.school.name,
	urn: t.school.urn,
	type: t.school.type,
	phase: t.school.phase,
	localAuthority: t.school.localAuthority,
	active: t.school.active,
	version: t.school.version
};

export const URN_TAKEN = 'Another school or college in your service already has this URN';
export const SCHOOL_STALE = 'Someone else changed this school while you were editing. Their changes are shown; make your changes again';

/** The school, if it is in the actor's service. */
export async function findSchool(q: Queryable, actor: Actor, schoolId: string): Promise<SchoolRow | null> {
	const [row] = await q
		.select(columns)
		.from(t.school)
		.where(and(eq(t.school.id, schoolId), eq(t.school.serviceId, actor.serviceId)));
	return row ?? null;
}

/*
 * Reads write their audit row before returning, without a transaction: nothing changes, and page
 * loads run beside the layout's load on the one database connection, which an open transaction
 * would hold.
 */

/** Every school of the service, active or not. A list view writes one audit row (SECURITY.md 15). */
export async function listSchools(actor: Actor): Promise<SchoolRow[]> {
	const rows = await db().select(columns).from(t.school).where(eq(t.school.serviceId, actor.serviceId)).orderBy(asc(t.school.name));
	await recordAudit(db(), actor, { action: 'school.list', recordType: 'school', detail: { count: rows.length } });
	return rows;
}

/** Active schools, for choosing a DSL's, deputy DSL's or governor's school. */
export async function schoolOptions(actor: Actor): Promise<{ value: string; label: string }[]> {
	const rows = await db()
		.select({ value: t.school.id, label: t.school.name })
		.from(t.school)
		.where(and(eq(t.school.serviceId, actor.serviceId), eq(t.school.active, true)))
		.orderBy(asc(t.school.name));
	return rows;
}

/** One school for its page; the read is audited. Null when it is not in the actor's service. */
export async function viewSchool(actor: Actor, schoolId: string): Promise<SchoolRow | null> {
	const school = await findSchool(db(), actor, schoolId);
	if (!school) return null;
	await recordAudit(db(), actor, { action: 'school.viewed', recordType: 'school', recordId: school.id });
	return school;
}

async function urnTaken(q: Queryable, actor: Actor, urn: string, exceptId?: string): Promise<boolean> {
	const where = [eq(t.school.serviceId, actor.serviceId), eq(t.school.urn, urn)];
	if (exceptId) where.push(ne(t.school.id, exceptId));
	const [row] = await q.select({ id: t.school.id }).from(t.school).where(and(...where));
	return row !== undefined;
}

function fieldsOf(input: SchoolFields) {
	return { name: input.name.trim(), urn: input.urn.trim(), type: input.type, phase: input.phase, localAuthority: input.localAuthority.trim() };
}

export type CreateSchoolResult = { ok: true; schoolId: string } | { ok: false; field: 'urn'; message: string };

export async function createSchool(actor: Actor, input: SchoolFields, now = new Date()): Promise<CreateSchoolResult> {
	return db().transaction(async (tx) => {
		const fields = fieldsOf(input);
		if (await urnTaken(tx, actor, fields.urn)) return { ok: false as const, field: 'urn' as const, message: URN_TAKEN };
		const schoolId = newId();
		await tx.insert(t.school).values({ id: schoolId, serviceId: actor.serviceId, ...fields, active: true, createdAt: now });
		await recordAudit(tx, actor, { action: 'school.created', recordType: 'school', recordId: schoolId });
		return { ok: true as const, schoolId };
	});
}

export type UpdateSchoolResult =
	| { ok: true }
	| { ok: false; reason: 'not-found' }
	| { ok: false; reason: 'urn-taken'; message: string }
	/** Someone saved first: their version is returned so the page can show it. */
	| { ok: false; reason: 'stale'; message: string; current: SchoolRow };

/** Saves an edit made from `version`; a stale save changes nothing (SECURITY.md 20). */
export async function updateSchool(actor: Actor, schoolId: string, input: SchoolFields & { version: number }): Promise<UpdateSchoolResult> {
	return db().transaction(async (tx): Promise<UpdateSchoolResult> => {
		const current = await findSchool(tx, actor, schoolId);
		if (!current) return { ok: false, reason: 'not-found' };
		if (current.version !== input.version) return { ok: false, reason: 'stale', message: SCHOOL_STALE, current };
		const fields = fieldsOf(input);
		if (await urnTaken(tx, actor, fields.urn, schoolId)) return { ok: false, reason: 'urn-taken', message: URN_TAKEN };
		const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((key) => fields[key] !== current[key]);
		await tx
			.update(t.school)
			.set({ ...fields, version: sql`${t.school.version} + 1` })
			.where(and(eq(t.school.id, schoolId), eq(t.school.serviceId, actor.serviceId), eq(t.school.version, input.version)));
		await recordAudit(tx, actor, { action: 'school.updated', recordType: 'school', recordId: schoolId, detail: { fields: changed.join(',') } });
		return { ok: true };
	});
}

/**
 * Deactivates or reactivates a school. A deactivated school keeps its records and users, and is no
 * longer offered when an admin gives someone a school role.
 */
export async function setSchoolActive(actor: Actor, schoolId: string, active: boolean): Promise<boolean> {
	return db().transaction(async (tx) => {
		const current = await findSchool(tx, actor, schoolId);
		if (!current) return false;
		if (current.active === active) return true;
		await tx
			.update(t.school)
			.set({ active, version: sql`${t.school.version} + 1` })
			.where(and(eq(t.school.id, schoolId), eq(t.school.serviceId, actor.serviceId)));
		await recordAudit(tx, actor, { action: active ? 'school.reactivated' : 'school.deactivated', recordType: 'school', recordId: schoolId });
		return true;
	});
}
