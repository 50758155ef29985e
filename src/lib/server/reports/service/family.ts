import { createHash } from 'node:crypto';
import { combine, within, type Publication, type Sum } from '../publication';
import { suppress, type SuppressedReport } from '../suppression';
import { publicationOf, type Shape } from './shape';

/**
 * The whole service and every one of its schools as one publication (DOMAIN.md §5, small numbers).
 * A commissioner can open the service view and each school's view in turn, so suppression has to
 * reason about all of them at once: each service figure is the sum of the schools' same figure, and
 * a figure hidden in one school's view must not be worked out from the service total less the other
 * schools. Suppressing the family once and printing every view from it does that: the page for the
 * whole service and the page for any school print the same cell for the same figure.
 *
 * This generalises `partOfWhole` (one school beside the rest) to every school beside the service.
 */
export const SERVICE_VIEW = 'service';

export function familyPublication(shape: Shape, schools: readonly { id: string; values: ReadonlyMap<string, number> }[]): Publication {
	const service = new Map<string, number>();
	for (const { id } of shape.ids) service.set(id, schools.reduce((s, school) => s + (school.values.get(id) ?? 0), 0));
	const views = [within(SERVICE_VIEW, publicationOf(shape, service)), ...schools.map((school) => within(school.id, publicationOf(shape, school.values)))];
	const links: Sum[] = schools.length === 0 ? [] : shape.ids.map(({ id }) => ({ total: `${SERVICE_VIEW}:${id}`, parts: schools.map((school) => `${school.id}:${id}`) }));
	const joined = combine(...views);
	return { counts: joined.counts, sums: [...joined.sums, ...links], blocks: views.map((v) => v.counts.map((c) => c.id)) };
}

/**
 * The family with the service's rule applied: every view's figures come from here.
 *
 * Suppressing a hundred schools together takes a few hundred milliseconds, and commissioners page
 * through the same report (one school, then another), so the answer is kept, keyed by a hash of
 * everything it depends on: every count, every sum and the threshold. A change to any figure is a new
 * key, so a kept answer is never stale; it holds only which aggregate cells to hide, never a pupil.
 */
const KEPT = 16;
const kept = new Map<string, SuppressedReport>();

export function suppressFamily(publication: Publication, threshold: number): SuppressedReport {
	const key = createHash('sha256').update(String(threshold)).update('\n').update(JSON.stringify(publication)).digest('base64');
	const found = kept.get(key);
	if (found) {
		kept.delete(key);
		kept.set(key, found);
		return found;
	}
	const report = suppress(publication, threshold);
	kept.set(key, report);
	for (const oldest of kept.keys()) {
		if (kept.size <= KEPT) break;
		kept.delete(oldest);
	}
	return report;
}

/** Forgets every kept suppression (reports/kept.ts `forgetKeptReports`: the bench's "computed afresh"). */
export function forgetSuppressedFamilies(): void {
	kept.clear();
}
