import { inArray, sql } from 'drizzle-orm';
import { captureReadAudits, recordReadAudits, type AuditEntry } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { t } from '../db';
import { preparedQuery } from '../db/prepared';

/**
 * Pages about pupils rendered once and kept in memory while nothing they show has changed (issue 8):
 * the case page and a school's home page read thirty-odd rows and render tens of kilobytes, which cost
 * several times what a request itself does.
 *
 * Never stale: a kept page is served only while the record versions it was built under still read
 * the same. Triggers bump them on every write to anything these pages show (migration 0013,
 * schema/statistics.ts `recordVersion`), in the writer's own transaction, so no write path can forget
 * to invalidate, on this instance or another. The versions are read before the page's data, so a page
 * built while a change commits is kept under the older versions and never served after it. A page
 * also changes with the clock (a timer turns overdue, a session is past): a kept page is served for
 * the minute it was built in and no longer.
 *
 * Never to the wrong person: a kept page is one person's, under their user id, role and school, and
 * the caller checks the record is in the actor's scope on every request before asking for it. The
 * audit rows the page's reads wrote are written again each time it is served (SECURITY.md 15).
 *
 * Bounded: at most {@link KEEP_BYTES} of HTML, and nothing kept past {@link KEEP_MS} (swept each
 * minute), so a pupil's details leave memory within minutes of the page being built.
 */
const KEEP_BYTES = 24 * 1024 * 1024;
const KEEP_MS = 2 * 60_000;
const MINUTE = 60_000;

interface Kept<V> {
	stamp: string;
	value: V;
	audits: AuditEntry[];
	bytes: number;
	at: number;
}

const kept = new Map<string, Kept<unknown>>();
let keptBytes = 0;

/** The version of each scope (a referral's id, `school:<id>`, `shared`); 0 until anything in it changed. */
const versionsQuery = preparedQuery((q) =>
	q
		.select({ scope: t.recordVersion.scope, version: t.recordVersion.version })
		.from(t.recordVersion)
		.where(inArray(t.recordVersion.scope, sql`(select value from json_each(${sql.placeholder('scopes')}))`))
		.prepare()
);

export async function recordVersions(scopes: readonly string[]): Promise<number[]> {
	const rows = await versionsQuery({ scopes: JSON.stringify(scopes) }).all();
	const found = new Map(rows.map((r) => [r.scope, r.version]));
	return scopes.map((s) => found.get(s) ?? 0);
}

export const caseScope = (referralId: string) => referralId;
export const schoolScope = (schoolId: string) => `school:${schoolId}`;
export const SHARED_SCOPE = 'shared';

function drop(slot: string) {
	const found = kept.get(slot);
	if (!found) return;
	kept.delete(slot);
	keptBytes -= found.bytes;
}

/**
 * The page kept for `page` (its kind and record, say `case:<id>` or `home:<school>?<query>`) and the
 * actor, if `versions` (read by the caller, in the same query as its scope check where it can) and
 * the minute still match; otherwise builds it with `build`, which returns the value and its size.
 * The caller must have checked that the actor may see the record.
 */
export async function keptPage<V>(
	actor: Actor,
	page: string,
	versions: readonly number[],
	build: () => Promise<{ value: V; bytes: number } | null>,
	now = Date.now()
): Promise<V | null> {
	const slot = `${page}\n${actor.userId}`;
	const stamp = [actor.role, actor.serviceId, actor.schoolId ?? '', actor.senior ? 'senior' : '', Math.floor(now / MINUTE), ...versions].join('\n');
	const found = kept.get(slot) as Kept<V> | undefined;
	if (found && found.stamp === stamp && now - found.at < KEEP_MS) {
		await recordReadAudits(actor, found.audits);
		return found.value;
	}
	drop(slot);
	const { value: built, entries } = await captureReadAudits(build);
	if (!built) return null;
	drop(slot); // another request for the same page may have kept one meanwhile
	kept.set(slot, { stamp, value: built.value, audits: entries, bytes: built.bytes, at: now });
	keptBytes += built.bytes;
	// A page is re-inserted whenever it is rebuilt, so the oldest come first.
	sweep(now);
	return built.value;
}

/** Drops what has outlived {@link KEEP_MS}, oldest first; a Map keeps insertion order. */
function sweep(now: number) {
	for (const [oldest, entry] of kept) {
		if (keptBytes <= KEEP_BYTES && now - entry.at < KEEP_MS) break;
		drop(oldest);
	}
}

// Also while nobody opens a page, so a pupil's details do not linger in an idle instance.
setInterval(() => sweep(Date.now()), MINUTE).unref();
