import { indexSums, ReaderBounds, UNBOUNDED, type Interval } from './bounds';
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

export type Suppression = 'primary' | 'secondary' | 'withheld';

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
/** A figure of a breakdown withheld whole: it could be any number, zero included (see `withhold`). */
export const WITHHELD = 'withheld';

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
	const { secondary, withheld } = secondarySuppression(publication, values, published, primary, threshold, blockByBlock(publication, values, published, primary, threshold));

	const cells = new Map<string, Cell>();
	for (const id of published) {
		const value = values.get(id) ?? 0;
		if (withheld.has(id)) cells.set(id, { value: null, display: WITHHELD, suppressed: 'withheld' });
		else if (primary.has(id)) cells.set(id, { value: null, display: `<${threshold}`, suppressed: 'primary' });
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

/**
 * Hides printed counts until no hidden count can be pinned to one value (DOMAIN.md §5). The first hidden
 * count (in publication order) a reader can pin gets one more printed count hidden beside it (see
 * `complementChooser`), and so on until none can be pinned.
 *
 * Hiding a count only ever widens what a reader can work out, so a hidden count that cannot be pinned
 * stays that way: one pass in publication order suffices, going back only to a newly hidden count that
 * sits earlier. This hides the same cells as asking "which is the first count a reader can pin?" of the
 * whole report after every step, at a fraction of the work (bounds.ts).
 */
function secondarySuppression(
	publication: Publication,
	values: Map<string, number>,
	published: Set<string>,
	primary: Set<string>,
	threshold: number,
	preset: { secondary: Set<string>; withheld: Set<string> } = { secondary: new Set(), withheld: new Set() }
): { secondary: Set<string>; withheld: Set<string> } {
	const ids = publication.counts.map((c) => c.id);
	const indexed = indexSums(ids, publication.sums);
	// A "<5" is 1 to 4, or 0 to 4 for a group of a total shown as "<5"; a hidden count is 5 or more
	// (smaller ones would be "<5", zeros are printed); an unprinted count is anything.
	const mayBeZero = new Set(publication.sums.filter((s) => primary.has(s.total)).flatMap((s) => s.parts));
	const bounds = new ReaderBounds(
		ids.map((id) => {
			const value = values.get(id) ?? 0;
			if (!published.has(id) || preset.withheld.has(id)) return { lo: 0, hi: UNBOUNDED };
			if (preset.secondary.has(id)) return { lo: threshold, hi: UNBOUNDED };
			if (primary.has(id)) return { lo: mayBeZero.has(id) ? 0 : 1, hi: threshold - 1 };
			return { lo: value, hi: value };
		}),
		indexed
	);
	const settled = new Uint8Array(ids.length);
	for (let i = 0; i < ids.length; i++) if (!settled[i] && bounds.isOpen(i)) for (const c of bounds.settle(i)) settled[c] = 1;

	const { secondary, withheld } = preset;
	const hidden = (i: number) => primary.has(ids[i] as string) || secondary.has(ids[i] as string) || withheld.has(ids[i] as string);
	const exposed = (i: number) => hidden(i) && pinned(bounds, i);
	const choose = complementChooser({ ids, values, published, primary, secondary, bounds, indexed, hiddenStart: { lo: threshold, hi: UNBOUNDED } });
	// Newly hidden counts before the pass's position: the only earlier counts that can be pinned.
	let earlier: number[] = [];
	for (let i = 0; i < ids.length; ) {
		earlier = earlier.filter(exposed).sort((a, b) => a - b);
		const next = earlier[0] ?? (exposed(i) ? i : undefined);
		if (next === undefined) {
			i++;
			continue;
		}
		const chosen = choose(next);
		if (chosen.length === 0) {
			withhold(next, { ids, published, withheld, bounds, indexed });
			continue;
		}
		for (const c of chosen) {
			secondary.add(ids[c] as string);
			if (c < i) earlier.push(c);
		}
	}
	return { secondary, withheld };
}

/**
 * A publication of many views (a service and each of its schools) is first suppressed one view at a time:
 * each is small, so that is quick, and it settles most of what the whole will need. The whole is then
 * suppressed from there, which adds only what the links between the views call for. The result is as
 * safe as suppressing the whole from nothing: the same full search decides that nothing is exposed.
 */
function blockByBlock(publication: Publication, values: Map<string, number>, published: Set<string>, primary: Set<string>, threshold: number) {
	const preset = { secondary: new Set<string>(), withheld: new Set<string>() };
	for (const block of publication.blocks ?? []) {
		const inBlock = new Set(block);
		const part: Publication = {
			counts: publication.counts.filter((c) => inBlock.has(c.id)),
			sums: publication.sums.filter((s) => inBlock.has(s.total) && s.parts.every((p) => inBlock.has(p)))
		};
		const found = secondarySuppression(part, values, published, primary, threshold);
		for (const id of found.secondary) preset.secondary.add(id);
		for (const id of found.withheld) preset.withheld.add(id);
	}
	return preset;
}

/**
 * The last resort, when no printed figure is left to hide and a count can still be worked out: the rule
 * itself can give one away ("<5" means at least 1, "hidden" at least 5, zeros are printed), as when two
 * "<5" groups cap a total at 8 that another breakdown's hidden group and three "<5"s put at 8 or more.
 * Every printed figure (zeros included) of each sum that still gives the count away is withheld: shown
 * as "withheld", which a reader can only take as any number. Each call withholds at least one more
 * figure (the exposed count itself, if nothing else), so suppression still ends.
 */
function withhold(exposed: number, c: { ids: readonly string[]; published: ReadonlySet<string>; withheld: Set<string>; bounds: ReaderBounds; indexed: readonly { total: number; parts: readonly number[] }[] }): void {
	const { ids, bounds } = c;
	const holding = c.indexed.filter((s) => s.total === exposed || s.parts.includes(exposed));
	const known = (m: number) => m === exposed || (bounds.lo[m] as number) >= (bounds.hi[m] as number);
	const givingAway = holding.filter((s) => [s.total, ...s.parts].every(known));
	const members = new Set((givingAway.length > 0 ? givingAway : holding).flatMap((s) => [s.total, ...s.parts]));
	members.add(exposed);
	for (const m of members) {
		const id = ids[m] as string;
		if (!c.published.has(id) || c.withheld.has(id)) continue;
		c.withheld.add(id);
		bounds.restart(m, { lo: 0, hi: UNBOUNDED });
	}
	for (const m of members) bounds.settle(m);
}

/** Whether a reader can pin hidden count i to one value. */
function pinned(bounds: ReaderBounds, i: number): boolean {
	// Pinned to 0 is allowed: only a group of a small total can be, through a printed zero beside it, and
	// a zero picks out nobody.
	const lo = bounds.lo[i] as number;
	const hi = bounds.hi[i] as number;
	return lo >= hi && hi > 0;
}

interface Chooser {
	readonly ids: readonly string[];
	readonly values: ReadonlyMap<string, number>;
	readonly published: ReadonlySet<string>;
	readonly primary: ReadonlySet<string>;
	readonly secondary: ReadonlySet<string>;
	readonly bounds: ReaderBounds;
	readonly indexed: readonly { total: number; parts: readonly number[] }[];
	readonly hiddenStart: Interval;
}

/**
 * The printed cells to hide next to protect an exposed one; the bounds are left as they are with them
 * hidden. Candidates are printed, non-zero cells in the sums that hold the exposed cell, smallest first
 * (hiding least), groups before totals; the first that protects it on its own wins, so a breakdown with
 * one small group loses one more figure, not two. If none does on its own, each sum that gives the cell
 * away by itself loses its smallest printed cell (a total shared by seven breakdowns needs one hidden in
 * each), or else the smallest candidate is hidden, and the search goes round again; failing all that,
 * the same search over every printed cell (the leak can run through another table). Each round hides
 * at least one more cell, so it ends.
 */
function complementChooser(c: Chooser): (exposed: number) => number[] {
	const { ids, bounds, indexed } = c;
	const sumsOf: number[][] = ids.map(() => []);
	indexed.forEach((s, k) => {
		sumsOf[s.total]?.push(k);
		for (const p of s.parts) sumsOf[p]?.push(k);
	});
	const isTotal = new Uint8Array(ids.length);
	for (const s of indexed) isTotal[s.total] = 1;
	const value = (i: number) => c.values.get(ids[i] as string) ?? 0;
	const printed = (i: number) => {
		const id = ids[i] as string;
		return c.published.has(id) && !c.primary.has(id) && !c.secondary.has(id) && value(i) > 0;
	};
	const order = (list: number[]) => [...list].sort((a, b) => value(a) - value(b) || (isTotal[a] as number) - (isTotal[b] as number));
	const members = (k: number) => [...(indexed[k]?.parts ?? []), indexed[k]?.total as number];
	/** What a reader knows exactly: a printed count, or one worked out. */
	const known = (m: number) => (bounds.lo[m] as number) >= (bounds.hi[m] as number);

	/** Hides `candidate` for a trial: keeps it hidden when that protects `exposed`, otherwise puts everything back. */
	const tryHiding = (exposed: number, candidate: number): boolean => {
		// Quick refusals before the full work-out, which most candidates in a big report fail: a sum in
		// which every other count is printed or worked out gives its last count away. So hiding a cell that
		// is the last unknown in one of its sums tells a reader nothing new, and a sum without the candidate
		// in which the exposed cell is the last unknown still gives it away. (Judged on what a reader knows
		// before the candidate is hidden, so now and then a cell that would have protected is passed over
		// for another: that can cost an extra hidden figure, never a figure given away, since the choice is
		// checked in full.)
		if (sumsOf[candidate]?.some((k) => members(k).every((m) => m === candidate || (m !== exposed && known(m))))) return false;
		if (sumsOf[exposed]?.some((k) => members(k).every((m) => m === exposed || (m !== candidate && known(m))))) return false;
		const before = { lo: bounds.lo[candidate] as number, hi: bounds.hi[candidate] as number };
		bounds.restart(candidate, c.hiddenStart);
		const { cells } = bounds.component(exposed);
		const saved = cells.map((i) => [i, bounds.lo[i] as number, bounds.hi[i] as number] as const);
		bounds.settle(exposed);
		if (!pinned(bounds, exposed)) {
			if (!cells.includes(candidate)) bounds.settle(candidate);
			return true;
		}
		for (const [i, lo, hi] of saved) {
			bounds.lo[i] = lo;
			bounds.hi[i] = hi;
		}
		bounds.restart(candidate, before);
		return false;
	};
	const hide = (candidate: number): number => {
		bounds.restart(candidate, c.hiddenStart);
		bounds.settle(candidate);
		return candidate;
	};

	return (exposed) => {
		const nearby = order([...new Set(sumsOf[exposed]?.flatMap(members))].filter(printed));
		const protector = nearby.find((i) => tryHiding(exposed, i));
		if (protector !== undefined) return [protector];
		// No one cell will do. Each sum that gives the exposed cell away on its own (every other count in it
		// printed or worked out) needs one of its cells hidden: hide the smallest of each, then go round again.
		const givingAway = (sumsOf[exposed] ?? []).filter((k) => members(k).every((m) => m === exposed || known(m)));
		const each = [...new Set(givingAway.map((k) => order(members(k).filter(printed))[0]).filter((i) => i !== undefined))];
		if (each.length > 0) return each.map(hide);
		if (nearby[0] !== undefined) return [hide(nearby[0])];
		// Only a printed cell in a sum with the exposed cell's component can change what a reader knows of
		// it: the same search over those; the smallest printed cell anywhere is the last resort.
		const reach = order([...new Set(bounds.component(exposed).sums.flatMap(members))].filter(printed));
		const far = reach.find((i) => tryHiding(exposed, i));
		if (far !== undefined) return [far];
		if (reach[0] !== undefined) return [hide(reach[0])];
		const anywhere = order(ids.map((_, i) => i).filter(printed));
		return anywhere[0] === undefined ? [] : [hide(anywhere[0])];
	};
}
