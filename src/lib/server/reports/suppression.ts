import { tighten, UNBOUNDED, type Interval } from './bounds';
import type { Publication, Sum } from './publication';

/**
 * Small-number suppression (DOMAIN.md §5), the one place every report output (page, chart, PDF, CSV)
 * takes its figures from, so they all print the same thing.
 *
 * Primary: a count from 1 to threshold - 1 is printed as "<threshold".
 * Secondary: more counts are hidden until no hidden count can be worked out from what is printed: from
 * a total and the other groups, from linked views (the two periods, the school beside the service),
 * or from what the rule itself tells a reader (a "<5" is 1 to 4; a hidden count is 5 or more).
 *
 * Zero is printed, with one exception. A zero picks out nobody, and hiding zeros in general would not
 * help: a zero beside a printed total and printed groups can be worked out anyway, and a reader who knows
 * zeros are printed also knows a hidden count is at least the threshold, which the reasoning below uses.
 * The exception is the groups of a total that is itself under the threshold: every one of them shows as
 * "<5", zero included ("<5" is still true of 0). Printing the zeros there would give away the rest: a
 * total "<5" split into four "<5" groups and three zeros must be four ones, and a "<5" with every other
 * group 0 says which group each of those children is in.
 */

export type Suppression = 'primary' | 'secondary';

/** One printed figure. `value` is null whenever the figure is hidden, so no output can print it by mistake. */
export interface Cell {
	readonly value: number | null;
	readonly display: string;
	readonly suppressed: Suppression | null;
}

/** What every output needs to print a figure: a number (or nothing) and the words to show. */
export interface Figure {
	readonly value: number | null;
	readonly display: string;
}

export interface SuppressedReport {
	readonly threshold: number;
	/** The printed cells, by id. Unpublished counts (the rest of a service) are not here. */
	readonly cells: ReadonlyMap<string, Cell>;
	/** The cell for an id; throws for an id the report does not publish, so a typo cannot print nothing. */
	cell(id: string): Cell;
}

export const HIDDEN = 'hidden';

export function formatCount(value: number): string {
	return value.toLocaleString('en-GB');
}

/** What suppression works on: the true counts, and which ones are printed, small or hidden so far. */
interface Working {
	readonly sums: readonly Sum[];
	readonly values: ReadonlyMap<string, number>;
	readonly published: ReadonlySet<string>;
	readonly primary: ReadonlySet<string>;
	readonly secondary: Set<string>;
	readonly threshold: number;
}

/** Applies the rule to a publication. Deterministic: the same figures always hide the same cells. */
export function suppress(publication: Publication, threshold: number): SuppressedReport {
	// With 2, "<2" could only mean 1: the rule would hide nothing.
	if (!Number.isInteger(threshold) || threshold < 3) throw new Error('The suppression threshold must be a whole number of 3 or more');
	const values = new Map(publication.counts.map((c) => [c.id, c.value]));
	const published = new Set(publication.counts.filter((c) => c.published).map((c) => c.id));
	const w: Working = { sums: publication.sums, values, published, primary: smallCounts(publication.sums, values, published, threshold), secondary: new Set(), threshold };

	for (let id = firstExposed(w); id !== null; id = firstExposed(w)) {
		const chosen = chooseComplement(w, id);
		if (chosen === null) throw new Error(`No figure can be hidden to protect ${id}`);
		w.secondary.add(chosen);
	}

	const cells = new Map<string, Cell>();
	for (const id of published) {
		const value = values.get(id) ?? 0;
		if (w.primary.has(id)) cells.set(id, { value: null, display: `<${threshold}`, suppressed: 'primary' });
		else if (w.secondary.has(id)) cells.set(id, { value: null, display: HIDDEN, suppressed: 'secondary' });
		else cells.set(id, { value, display: formatCount(value), suppressed: null });
	}
	return {
		threshold,
		cells,
		cell(id) {
			const found = cells.get(id);
			if (!found) throw new Error(`The report publishes no figure ${id}`);
			return found;
		}
	};
}

/** Counts of 1 to threshold - 1, then every printed group of a total among them, until nothing is added (a small total's groups may be totals too). */
function smallCounts(sums: readonly Sum[], values: Map<string, number>, published: Set<string>, threshold: number): Set<string> {
	const small = new Set([...published].filter((id) => (values.get(id) ?? 0) >= 1 && (values.get(id) ?? 0) < threshold));
	for (let grew = true; grew; ) {
		grew = false;
		for (const sum of sums) {
			if (!small.has(sum.total)) continue;
			for (const id of sum.parts) {
				if (!published.has(id) || small.has(id)) continue;
				small.add(id);
				grew = true;
			}
		}
	}
	return small;
}

/**
 * What a reader can believe each count is, narrowed by the sums: printed counts are exact, a "<5" is 1 to
 * 4 (0 to 4 for a group of a total shown as "<5"), a hidden count is 5 or more (smaller ones would be
 * "<5", zeros are printed), an unprinted count is anything.
 */
function readerBounds(w: Working, secondary: ReadonlySet<string> = w.secondary): Map<string, Interval> {
	const bounds = new Map<string, Interval>();
	const mayBeZero = new Set(w.sums.filter((s) => w.primary.has(s.total)).flatMap((s) => s.parts));
	for (const [id, value] of w.values) {
		if (!w.published.has(id)) bounds.set(id, { lo: 0, hi: UNBOUNDED });
		else if (w.primary.has(id)) bounds.set(id, { lo: mayBeZero.has(id) ? 0 : 1, hi: w.threshold - 1 });
		else if (secondary.has(id)) bounds.set(id, { lo: w.threshold, hi: UNBOUNDED });
		else bounds.set(id, { lo: value, hi: value });
	}
	tighten(bounds, w.sums);
	return bounds;
}

/** Whether a reader can pin a hidden cell to one value. */
function pinned(interval: Interval | undefined): boolean {
	// Pinned to 0 is allowed: only a group of a small total can be, through a printed zero beside it, and
	// a zero picks out nobody.
	return interval !== undefined && interval.lo >= interval.hi && interval.hi > 0;
}

/** The first hidden cell (in publication order) a reader could pin to one value, or null. */
function firstExposed(w: Working): string | null {
	const bounds = readerBounds(w);
	for (const [id, interval] of bounds) if ((w.primary.has(id) || w.secondary.has(id)) && pinned(interval)) return id;
	return null;
}

/**
 * The printed cell to hide next to protect `exposed`. Candidates are printed, non-zero cells in the sums
 * that hold `exposed`, smallest first (hiding least), groups before totals; the first that protects it on
 * its own wins, so a breakdown with one small group loses one more figure, not two. If none does on its
 * own, the smallest is hidden and the search goes round again; failing that, the same search over every
 * printed cell (the leak can run through another table). Each round hides one more cell, so it ends.
 */
function chooseComplement(w: Working, exposed: string): string | null {
	const printed = (id: string) => w.published.has(id) && !w.primary.has(id) && !w.secondary.has(id) && (w.values.get(id) ?? 0) > 0;
	const holding = w.sums.filter((s) => s.total === exposed || s.parts.includes(exposed));
	const near = [...new Set(holding.flatMap((s) => [...s.parts, s.total]))].filter(printed);
	const isTotal = new Set(w.sums.map((s) => s.total));
	const order = (ids: string[]) => [...ids].sort((a, b) => (w.values.get(a) ?? 0) - (w.values.get(b) ?? 0) || Number(isTotal.has(a)) - Number(isTotal.has(b)));
	const protects = (id: string) => !pinned(readerBounds(w, new Set([...w.secondary, id])).get(exposed));
	const nearby = order(near);
	const anywhere = order([...w.values.keys()].filter(printed));
	return nearby.find(protects) ?? nearby[0] ?? anywhere.find(protects) ?? anywhere[0] ?? null;
}
