import { eq, sql } from 'drizzle-orm';
import { t, type Queryable } from '../db';
import { preparedOnEither } from '../db/prepared';
import { forgetSuppressedFamilies } from './service/family';

/**
 * Reports kept in memory, so a governor or commissioner opening the same report again (or the PDF
 * after the page) does not recompute every aggregate and rerun suppression (issue 8).
 *
 * Never stale: each kept report carries its service's report version (schema/statistics.ts), which
 * triggers bump on every write to anything a report reads, and a report is served only while the
 * version still reads the same. The version is read before the report's data, so a report built
 * while a change commits is kept under the older version and never served again. Reads go to the
 * database every time, so an instance sees another instance's changes at once. Callers put the date
 * in the key: a report changes with the day (periods mature, "this term" moves on).
 *
 * Holds aggregates only, already suppressed: nothing here names or describes a pupil.
 */
const KEEP = 32;
const kept = new Map<string, { version: number; value: unknown }>();

/** Read on every report request: built once (db/prepared.ts). */
const versionQuery = preparedOnEither((q) =>
	q
		.select({ version: t.reportVersion.version })
		.from(t.reportVersion)
		.where(eq(t.reportVersion.serviceId, sql.placeholder('serviceId')))
		.prepare()
);

/** The service's report version now: 0 until anything a report reads has changed. */
export async function reportVersionOf(q: Queryable, serviceId: string): Promise<number> {
	const [row] = await versionQuery(q, { serviceId });
	return row?.version ?? 0;
}

/**
 * The report kept under `key` if its service's version has not moved since it was built; otherwise
 * builds it, keeps it (the least recently used of {@link KEEP} goes) and returns it. The key must name
 * the report's kind, service, scope, period and date; `build` must read only what the triggers watch.
 */
export async function keptReport<T>(q: Queryable, serviceId: string, key: string, build: () => Promise<T>): Promise<T> {
	const version = await reportVersionOf(q, serviceId);
	const fullKey = `${serviceId}\n${key}`;
	const found = kept.get(fullKey);
	if (found && found.version === version) {
		kept.delete(fullKey);
		kept.set(fullKey, found);
		return found.value as T;
	}
	const value = await build();
	kept.delete(fullKey);
	kept.set(fullKey, { version, value });
	for (const oldest of kept.keys()) {
		if (kept.size <= KEEP) break;
		kept.delete(oldest);
	}
	return value;
}

/** Forgets every kept report and kept suppression, as after a change (the bench's "computed afresh"). */
export function forgetKeptReports(): void {
	kept.clear();
	forgetSuppressedFamilies();
}
