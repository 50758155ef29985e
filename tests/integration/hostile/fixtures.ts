import { desc, eq, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AuthContext } from '$lib/server/auth/context';
import { db, t } from '$lib/server/db';
import { newId } from '$lib/server/util/ids';
import { acceptedCase, caseRow } from '../../helpers/case';
import { fakeEvent } from '../../helpers/event';
import type { FormValues } from '../../helpers/hostile-run';
import type { HostileWorld } from '../../helpers/hostile-world';

/** Builders and read-backs shared by the hostile-input specs. */

/** The newest rows of a table (by rowid) that match: what the last accepted post wrote. */
export function latest(table: SQLiteTable, where: SQL, count = 1) {
	return db().select().from(table).where(where).orderBy(sql`rowid desc`).limit(count);
}

/** The case's newest chronology entries, where reasons and notes are kept. */
export const latestEvents = (referralId: string, count = 2) => latest(t.caseEvent, eq(t.caseEvent.referralId, referralId), count);

export const versionOf = async (referralId: string) => String((await caseRow(referralId)).version);

export const s1 = (w: HostileWorld) => w.world.services[0];
export const dslActor = (w: HostileWorld) => s1(w).schools[0].actors.dsl;
export const ywActor = (w: HostileWorld) => s1(w).actors.youth_worker;

/** A case with its outcome recorded, the cheap way (as tests/integration/follow-ups.test.ts makes it). */
export async function caseWithOutcome(w: HostileWorld, outcome = 'completed'): Promise<string> {
	const id = await acceptedCase(dslActor(w), ywActor(w));
	const row = await caseRow(id);
	await db().insert(t.caseOutcome).values({ id: newId(), referralId: id, serviceId: row.serviceId, schoolId: row.schoolId, proposed: outcome, outcome, outcomeOn: '2026-03-31', recordedAt: new Date(), recordedBy: ywActor(w).userId });
	await db().update(t.referral).set({ state: outcome, version: row.version + 1 }).where(eq(t.referral.id, id));
	return id;
}

export const newestCertificate = (referralId: string) => db().select().from(t.certificate).where(eq(t.certificate.referralId, referralId)).orderBy(desc(t.certificate.issuedAt));

type Load = (event: never) => unknown;

/** A form's starting values as its page's load gives them (what the browser would post back unchanged). */
export async function formFromLoad(load: Load, path: string, params: Record<string, string>, auth: AuthContext, key = 'form'): Promise<FormValues> {
	const data = (await load({ ...fakeEvent({ path, auth }), params } as never)) as Record<string, { data: Record<string, unknown> }>;
	const values = data[key]?.data ?? {};
	return Object.fromEntries(
		Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : typeof v === 'boolean' ? (v ? 'true' : '') : String(v ?? '')])
	);
}
