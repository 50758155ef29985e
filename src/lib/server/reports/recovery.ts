import type { Publication, Sum } from './publication';
import type { SuppressedReport } from './suppression';

/**
 * Test helper: the attacker of DOMAIN.md §5. It reads only what a report prints (each cell's display text)
 * and what any reader knows about its shape (which cells add up to which, which unprinted counts sit
 * behind a subtraction), and the rule the report states: "<5" is 1 to 4 (0 to 4 for a group of a total
 * shown as "<5"), "hidden" is 5 or more, zeros are printed. For every hidden cell it then searches every
 * assignment of whole numbers that fits all of that, and reports the cells that can have only one value.
 *
 * Written separately from suppression.ts (no shared code), so a mistake there is not repeated here.
 */

export interface Printed {
	readonly threshold: number;
	/** Display text of every printed cell, by id. */
	readonly displays: ReadonlyMap<string, string>;
	/** Counts a reader can reason about but that are not printed (the rest of a service). */
	readonly unprinted: readonly string[];
	readonly sums: readonly Sum[];
	/** The stated rule: a group of a total shown as "<5" shows as "<5" even when it is 0. */
	readonly smallTotalsHideZeros: boolean;
}

/** What a reader of `report` has: display texts and the shape, never the true counts. */
export function readerView(publication: Publication, report: SuppressedReport): Printed {
	return {
		threshold: report.threshold,
		displays: new Map([...report.cells].map(([id, cell]) => [id, cell.display])),
		unprinted: publication.counts.filter((c) => !c.published).map((c) => c.id),
		sums: publication.sums,
		smallTotalsHideZeros: true
	};
}

/** What a reader would see if only counts of 1 to threshold - 1 were hidden: no secondary suppression. */
export function primaryOnlyView(publication: Publication, threshold: number): Printed {
	const printed = publication.counts.filter((c) => c.published);
	return {
		threshold,
		displays: new Map(printed.map((c) => [c.id, c.value >= 1 && c.value < threshold ? `<${threshold}` : String(c.value)])),
		unprinted: publication.counts.filter((c) => !c.published).map((c) => c.id),
		sums: publication.sums,
		smallTotalsHideZeros: false
	};
}

interface Range {
	min: number;
	max: number;
}

/** A line of the form sum(terms) = 0, each term +1 or -1 times a count. */
type Equation = { id: string; sign: 1 | -1 }[];

/**
 * The hidden printed cells a reader can pin to one value other than 0, with that value. A hidden group of
 * a small total pinned to 0 by a printed zero beside it is not counted: it picks out nobody, and zeros are
 * printed everywhere else.
 */
export function recover(view: Printed): Map<string, number> {
	const found = new Map<string, number>();
	for (const [id, values] of Object.entries(possibleValues(view))) if (values.length === 1 && values[0] !== undefined && values[0] > 0) found.set(id, values[0]);
	return found;
}

/** For each hidden printed cell, its possible values (at most two are looked for: one is a leak, two is safe). */
export function possibleValues(view: Printed): Record<string, number[]> {
	const ranges = startingRanges(view);
	const equations: Equation[] = view.sums.map((s) => [{ id: s.total, sign: -1 }, ...s.parts.map((id) => ({ id, sign: 1 as const }))]);
	if (!narrowAll(ranges, equations)) throw new Error('The printed figures contradict each other');
	const result: Record<string, number[]> = {};
	for (const [id, display] of view.displays) {
		if (isNumber(display)) continue;
		const range = ranges.get(id);
		if (!range) continue;
		const values: number[] = [];
		for (let v = range.min; v <= range.max && values.length < 2; v++) {
			const trial = copy(ranges);
			trial.set(id, { min: v, max: v });
			if (solvable(trial, equations)) values.push(v);
		}
		result[id] = values;
	}
	return result;
}

function isNumber(display: string): boolean {
	return /^\d[\d,]*$/.test(display);
}

function startingRanges(view: Printed): Map<string, Range> {
	const printedTotal = [...view.displays.values()].filter(isNumber).reduce((s, d) => s + Number(d.replace(/,/g, '')), 0);
	// Far above anything the figures allow; a value beyond it could only hide a second possibility, so
	// the cap can make the attacker claim a leak that is not there, never miss one.
	const ceiling = 2 * (printedTotal + view.threshold * (view.displays.size + view.unprinted.length)) + 10;
	const smallTotals = new Set(view.sums.filter((s) => view.displays.get(s.total) === `<${view.threshold}`).map((s) => s.total));
	const underSmallTotal = new Set(view.sums.filter((s) => view.smallTotalsHideZeros && smallTotals.has(s.total)).flatMap((s) => s.parts));
	const ranges = new Map<string, Range>();
	for (const id of view.unprinted) ranges.set(id, { min: 0, max: ceiling });
	for (const [id, display] of view.displays) {
		if (isNumber(display)) {
			const n = Number(display.replace(/,/g, ''));
			ranges.set(id, { min: n, max: n });
		} else if (display === `<${view.threshold}`) ranges.set(id, { min: underSmallTotal.has(id) ? 0 : 1, max: view.threshold - 1 });
		else if (display === 'withheld') ranges.set(id, { min: 0, max: ceiling });
		else ranges.set(id, { min: view.threshold, max: ceiling });
	}
	return ranges;
}

function copy(ranges: Map<string, Range>): Map<string, Range> {
	return new Map([...ranges].map(([id, r]) => [id, { ...r }]));
}

/** Shrinks ranges by each equation until stable; false if an equation can no longer hold. */
function narrowAll(ranges: Map<string, Range>, equations: Equation[]): boolean {
	for (let changed = true; changed; ) {
		changed = false;
		for (const equation of equations) {
			const terms = equation.map((t) => ({ sign: t.sign, range: ranges.get(t.id) as Range }));
			const low = terms.reduce((s, t) => s + (t.sign > 0 ? t.range.min : -t.range.max), 0);
			const high = terms.reduce((s, t) => s + (t.sign > 0 ? t.range.max : -t.range.min), 0);
			if (low > 0 || high < 0) return false;
			for (const t of terms) {
				// The rest of the line must be able to cancel this term.
				const restLow = low - (t.sign > 0 ? t.range.min : -t.range.max);
				const restHigh = high - (t.sign > 0 ? t.range.max : -t.range.min);
				const [min, max] = t.sign > 0 ? [-restHigh, -restLow] : [restLow, restHigh];
				if (min > t.range.min || max < t.range.max) {
					t.range.min = Math.max(t.range.min, min);
					t.range.max = Math.min(t.range.max, max);
					if (t.range.min > t.range.max) return false;
					changed = true;
				}
			}
		}
	}
	return true;
}

/** Whether some whole-number assignment within the ranges satisfies every equation: depth-first, narrowest range first. */
function solvable(ranges: Map<string, Range>, equations: Equation[]): boolean {
	if (!narrowAll(ranges, equations)) return false;
	let branch: string | null = null;
	let width = Infinity;
	for (const [id, r] of ranges) {
		if (r.max > r.min && r.max - r.min < width) {
			branch = id;
			width = r.max - r.min;
		}
	}
	if (branch === null) return true;
	const range = ranges.get(branch) as Range;
	for (let v = range.min; v <= range.max; v++) {
		const trial = copy(ranges);
		trial.set(branch, { min: v, max: v });
		if (solvable(trial, equations)) return true;
	}
	return false;
}
