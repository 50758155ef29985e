import type { Sum } from './publication';

/** The values a reader can still believe a count has: every whole number from `lo` to `hi`. */
export interface Interval {
	lo: number;
	hi: number;
}

/** Far above any count a report holds; stands for "no upper bound" without Infinity - Infinity = NaN. */
export const UNBOUNDED = 1_000_000_000;

/**
 * Narrows each interval by what the sums imply, as a reader with a pencil would: a total is at least the
 * sum of its parts' lowest values, and a part is at least the total's lowest value minus the others'
 * highest. Repeats until nothing moves (or `maxRounds`, which only ever leaves intervals wider).
 * For one sum this is exact: the values a sum of whole-number ranges can take form one unbroken range.
 * Across several sums it can leave a range wider than the truth; the recovery tests search exhaustively.
 * Returns false when the intervals cannot all hold at once.
 */
export function tighten(bounds: Map<string, Interval>, sums: readonly Sum[], maxRounds = 200): boolean {
	for (let round = 0; round < maxRounds; round++) {
		let moved = false;
		for (const sum of sums) {
			const total = bounds.get(sum.total);
			const parts = sum.parts.map((id) => bounds.get(id));
			if (!total || parts.some((p) => !p)) throw new Error(`A sum names a count that is not in the report: ${sum.total}`);
			const known = parts as Interval[];
			const partsLo = known.reduce((s, p) => s + p.lo, 0);
			const open = known.filter((p) => p.hi >= UNBOUNDED).length;
			const boundedHi = known.reduce((s, p) => (p.hi >= UNBOUNDED ? s : s + p.hi), 0);
			moved = narrow(total, partsLo, open > 0 ? UNBOUNDED : boundedHi) || moved;
			for (const part of known) {
				const othersOpen = open - (part.hi >= UNBOUNDED ? 1 : 0);
				const othersHi = boundedHi - (part.hi >= UNBOUNDED ? 0 : part.hi);
				const lo = othersOpen > 0 ? 0 : total.lo - othersHi;
				moved = narrow(part, lo, total.hi - (partsLo - part.lo)) || moved;
			}
			if (total.lo > total.hi || known.some((p) => p.lo > p.hi)) return false;
		}
		if (!moved) return true;
	}
	return true;
}

function narrow(interval: Interval, lo: number, hi: number): boolean {
	const next = { lo: Math.max(interval.lo, lo), hi: Math.min(interval.hi, hi) };
	if (next.lo === interval.lo && next.hi === interval.hi) return false;
	interval.lo = next.lo;
	interval.hi = next.hi;
	return true;
}
