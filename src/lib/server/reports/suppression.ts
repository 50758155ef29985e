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

/** Applies the rule to a publication. Deterministic: the same figures always hide the same cells. */
export function suppress(publication: Publication, threshold: number): SuppressedReport {
	// With 2, "<2" could only mean 1: the rule would hide nothing.
	if (!Number.isInteger(threshold) || threshold < 3) throw new Error('The suppression threshold must be a whole number of 3 or more');
	const values = new Map(publication.counts.map((c) => [c.id, c.value]));
	const published = new Set(publication.counts.filter((c) => c.published).map((c) => c.id));
	const primary = smallCounts(publication.sums, values, published, threshold);
	const secondary = new Set<string>();
	const exposed = () => firstExposed(publication.sums, values, published, primary, secondary, threshold);

	for (let id = exposed(); id !== null; id = exposed()) {
		const chosen = chooseComplement(id, publication.sums, values, published, primary, secondary, threshold);
		if (chosen === null) throw new Error(`No figure can be hidden to protect ${id}`);
		secondary.add(chosen);
	}

	const cells = new Map<string, Cell>();
	for (const id of published) {
		const value = values.get(id) ?? 0;
		if (primary.has(id)) cells.set(id, { value: null, display: `<${threshold}`, suppressed: 'primary' });
		else if (secondary.has(id)) cells.set(id, { value: null, display: HIDDEN, suppressed: 'secondary' });
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

/** Ids that are a group of a total shown as "<5": a reader knows these may be 0. */
function mayBeZero(sums: readonly Sum[], primary: Set<string>): Set<string> {
	return new Set(sums.filter((s) => primary.has(s.total)).flatMap((s) => s.parts));
}

/**
 * What a reader can believe each count is: printed counts are exact, a "<5" is 1 to 4 (0 to 4 under a
 * total shown as "<5"), a hidden count is 5 or more (smaller ones would be "<5", zeros are printed), an
 * unprinted count is anything.
 */
function readerBounds(sums: readonly Sum[], values: Map<string, number>, published: Set<string>, primary: Set<string>, secondary: Set<string>, threshold: number): Map<string, Interval> {
	const bounds = new Map<string, Interval>();
	const zeroPossible = mayBeZero(sums, primary);
	for (const id of values.keys()) {
		if (!published.has(id)) bounds.set(id, { lo: 0, hi: UNBOUNDED });
		else if (primary.has(id)) bounds.set(id, { lo: zeroPossible.has(id) ? 0 : 1, hi: threshold - 1 });
		else if (secondary.has(id)) bounds.set(id, { lo: threshold, hi: UNBOUNDED });
		else {
			const value = values.get(id) ?? 0;
			bounds.set(id, { lo: value, hi: value });
		}
	}
	return bounds;
}

/** The first hidden cell (in publication order) a reader could pin to one value, or null. */
function firstExposed(sums: readonly Sum[], values: Map<string, number>, published: Set<string>, primary: Set<string>, secondary: Set<string>, threshold: number): string | null {
	const bounds = readerBounds(sums, values, published, primary, secondary, threshold);
	tighten(bounds, sums);
	for (const [id, interval] of bounds) {
		// A group of a small total worked out as 0 picks out nobody: its printed zero margin said so already.
		if ((primary.has(id) || secondary.has(id)) && interval.lo >= interval.hi && interval.hi > 0) return id;
	}
	return null;
}

/**
 * The printed cell to hide next to protect `exposed`. Candidates are printed, non-zero cells in the sums
 * that hold `exposed`, smallest first (hiding least), groups before totals; the first that protects it on
 * its own wins, so a breakdown with one small group loses one more figure, not two. If none does on its
 * own, the smallest is hidden and the search goes round again; failing that, the same search over every
 * printed cell (the leak can run through another table). Each round hides one more cell, so it ends.
 */
function chooseComplement(exposed: string, sums: readonly Sum[], values: Map<string, number>, published: Set<string>, primary: Set<string>, secondary: Set<string>, threshold: number): string | null {
	const printed = (id: string) => published.has(id) && !primary.has(id) && !secondary.has(id) && (values.get(id) ?? 0) > 0;
	const near: string[] = [];
	for (const sum of sums) {
		if (sum.total !== exposed && !sum.parts.includes(exposed)) continue;
		for (const id of [...sum.parts, sum.total]) if (printed(id) && !near.includes(id)) near.push(id);
	}
	const isTotal = new Set(sums.map((s) => s.total));
	const order = (ids: string[]) => [...ids].sort((a, b) => (values.get(a) ?? 0) - (values.get(b) ?? 0) || Number(isTotal.has(a)) - Number(isTotal.has(b)));
	const protects = (id: string) => {
		const bounds = readerBounds(sums, values, published, primary, new Set([...secondary, id]), threshold);
		tighten(bounds, sums);
		const interval = bounds.get(exposed);
		return interval !== undefined && interval.lo < interval.hi;
	};
	const nearby = order(near);
	const anywhere = order([...values.keys()].filter(printed));
	return nearby.find(protects) ?? nearby[0] ?? anywhere.find(protects) ?? anywhere[0] ?? null;
}
