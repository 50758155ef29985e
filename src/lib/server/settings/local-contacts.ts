import { and, eq } from 'drizzle-orm';
import { localNumbersSchema, PHONE_FIELDS, type PhoneField } from '$lib/schemas/admin-settings';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Queryable } from '../db';
import { newId } from '../util/ids';
import { assertCanEditSettings, invalid, refuseStale, StaleEdit, type SaveResult } from './save-result';

/** The numbers the app tells people to use in one local authority (DOMAIN.md §3 step 2, safety check). */
export type LocalNumbers = Record<PhoneField, string>;

export interface LocalAuthorityContacts {
	localAuthority: string;
	numbers: LocalNumbers | null;
	version: number;
}

export const LOCAL_NUMBERS_STALE = 'Someone else changed these numbers while you were editing. Their numbers are shown; make your changes again';

const columns = {
	localAuthority: t.localContact.localAuthority,
	mashPhone: t.localContact.mashPhone,
	emergencyDutyPhone: t.localContact.emergencyDutyPhone,
	policeNonEmergencyPhone: t.localContact.policeNonEmergencyPhone,
	yotPhone: t.localContact.yotPhone,
	camhsCrisisPhone: t.localContact.camhsCrisisPhone,
	version: t.localContact.version
};

function numbersOf(row: LocalNumbers): LocalNumbers {
	return Object.fromEntries(PHONE_FIELDS.map((field) => [field, row[field]])) as LocalNumbers;
}

/**
 * One entry per local authority the service deals with: those of its schools, plus any that already have
 * numbers. Sorted by name; numbers are null where none are held yet.
 */
export async function listLocalContacts(q: Queryable, serviceId: string): Promise<LocalAuthorityContacts[]> {
	const rows = await q.select(columns).from(t.localContact).where(eq(t.localContact.serviceId, serviceId));
	const schools = await q.selectDistinct({ localAuthority: t.school.localAuthority }).from(t.school).where(eq(t.school.serviceId, serviceId));
	const byName = new Map<string, LocalAuthorityContacts>();
	for (const school of schools) byName.set(school.localAuthority, { localAuthority: school.localAuthority, numbers: null, version: 0 });
	for (const row of rows) byName.set(row.localAuthority, { localAuthority: row.localAuthority, numbers: numbersOf(row), version: row.version });
	return [...byName.values()].sort((a, b) => a.localAuthority.localeCompare(b.localAuthority, 'en-GB'));
}

/** The numbers for a school's local authority, for the referral page; null when none are held. */
export async function localContactsFor(q: Queryable, serviceId: string, localAuthority: string): Promise<LocalNumbers | null> {
	const [row] = await q
		.select(columns)
		.from(t.localContact)
		.where(and(eq(t.localContact.serviceId, serviceId), eq(t.localContact.localAuthority, localAuthority)));
	return row ? numbersOf(row) : null;
}

/** A local authority's numbers with their version for an edit form; version 0 when none are held. */
export async function localContactForEdit(q: Queryable, serviceId: string, localAuthority: string): Promise<LocalAuthorityContacts> {
	const [row] = await q
		.select(columns)
		.from(t.localContact)
		.where(and(eq(t.localContact.serviceId, serviceId), eq(t.localContact.localAuthority, localAuthority)));
	return row ? { localAuthority: row.localAuthority, numbers: numbersOf(row), version: row.version } : { localAuthority, numbers: null, version: 0 };
}

/**
 * Adds or changes one local authority's numbers. Version 0 adds; any other version must match the
 * stored one, or the save is refused as stale (SECURITY.md 20).
 */
export async function saveLocalContact(actor: Actor, localAuthority: string, numbers: LocalNumbers, expectedVersion: number): Promise<SaveResult> {
	assertCanEditSettings(actor);
	const name = localAuthority.trim();
	if (name === '' || name.length > 100) return invalid(['Enter the name of the local authority, in 100 characters or fewer']);
	const parsed = localNumbersSchema.safeParse(numbers);
	if (!parsed.success) return invalid(parsed.error.issues.map((issue) => issue.message));
	return refuseStale(() =>
		db().transaction(async (tx) => {
			const [row] = await tx
				.select({ id: t.localContact.id, version: t.localContact.version })
				.from(t.localContact)
				.where(and(eq(t.localContact.serviceId, actor.serviceId), eq(t.localContact.localAuthority, name)));
			if ((row?.version ?? 0) !== expectedVersion) throw new StaleEdit(LOCAL_NUMBERS_STALE);
			const id = row?.id ?? newId();
			if (row) await tx.update(t.localContact).set({ ...parsed.data, version: expectedVersion + 1 }).where(eq(t.localContact.id, row.id));
			else await tx.insert(t.localContact).values({ id, serviceId: actor.serviceId, localAuthority: name, ...parsed.data, version: 1 });
			await recordAudit(tx, actor, { action: 'settings.changed', recordType: 'local_contact', recordId: id, detail: { key: 'localContacts', change: row ? 'changed' : 'added' } });
			return { ok: true } as const;
		})
	);
}
