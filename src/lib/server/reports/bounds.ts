import type { Sum } from './publication';

/** The values a reader can still believe a count has: every whole number from `lo` to `hi`. */
export interface Interval {
	lo: number;
	hi: number;
}

/** Far above any count a report holds; stands for "no upper bound" without Infinity - Infinity = NaN. */
export const UNBOUNDED = 1_000_000_000;

/**
 * What a reader with a pencil can narrow each count to, given a starting interval for each (exact for a
 * printed count) and the sums that tie them: a total is at least the sum of its parts' lowest values, and
 * a part is at least the total's lowest value minus the others' highest. For one sum this is exact: the
 * values a sum of whole-number ranges can take form one unbroken range. Across several sums it can leave
 * a range wider than the truth; the recovery tests search exhaustively.
 *
 * Why it is built this way: a service report suppresses a hundred schools' figures together (25,000
 * counts, 7,000 sums), and suppression asks "what could a reader work out?" thousands of times.
 * - Only counts that are not printed exactly ("open" ones: "<5", hidden, unprinted) can move, and what a
 *   reader can work out about one of them depends only on the open counts it is linked to through sums
 *   (its component); printed counts are constants. So each question is answered over one component.
 * - Within a component, a sum is looked at again only when one of its counts moved (a worklist), not on
 *   every sweep of every sum.
 * The answers are the same as sweeping every sum until nothing moves: narrowing reaches one fixed point
 * whatever the order.
 */
export class ReaderBounds {
	readonly lo: Float64Array;
	readonly hi: Float64Array;
	/** Each count's sums, by index. */
	private readonly sumsOf: number[][];
	private readonly totals: Int32Array;
	private readonly parts: Int32Array[];
	private readonly start: Interval[];

	/** `start[i]` is what a reader knows of count i before any sum; `lo === hi` marks a printed count. */
	constructor(start: Interval[], sums: readonly { total: number; parts: readonly number[] }[]) {
		this.start = start.map((s) => ({ ...s }));
		this.lo = Float64Array.from(start, (s) => s.lo);
		this.hi = Float64Array.from(start, (s) => s.hi);
		this.totals = Int32Array.from(sums, (s) => s.total);
		this.parts = sums.map((s) => Int32Array.from(s.parts));
		this.sumsOf = start.map(() => []);
		sums.forEach((s, k) => {
			this.sumsOf[s.total]?.push(k);
			for (const p of s.parts) this.sumsOf[p]?.push(k);
		});
	}

	isOpen(i: number): boolean {
		const s = this.start[i];
		return s !== undefined && s.lo !== s.hi;
	}

	/** Changes what a reader knows of count i before any sum (a count newly hidden). Call `settle` after. */
	restart(i: number, interval: Interval): void {
		this.start[i] = { ...interval };
		this.lo[i] = interval.lo;
		this.hi[i] = interval.hi;
	}

	/** The open counts linked to `seed` through sums, with the sums that hold any of them. */
	component(seed: number): { cells: number[]; sums: number[] } {
		const cells: number[] = [];
		const sums: number[] = [];
		if (!this.isOpen(seed)) return { cells, sums };
		const seenCell = new Set([seed]);
		const seenSum = new Set<number>();
		for (let queue = [seed]; queue.length > 0; ) {
			const cell = queue.pop() as number;
			cells.push(cell);
			for (const k of this.sumsOf[cell] ?? []) {
				if (seenSum.has(k)) continue;
				seenSum.add(k);
				sums.push(k);
				for (const other of [this.totals[k] as number, ...(this.parts[k] ?? [])]) {
					if (seenCell.has(other) || !this.isOpen(other)) continue;
					seenCell.add(other);
					queue.push(other);
				}
			}
		}
		return { cells, sums };
	}

	/**
	 * Narrows the component of `seed` from the starting intervals until nothing moves (or, far past
	 * anything a report needs, a step limit, which only ever leaves intervals wider). Returns its cells.
	 */
	settle(seed: number): number[] {
		const { cells, sums } = this.component(seed);
		for (const i of cells) {
			this.lo[i] = (this.start[i] as Interval).lo;
			this.hi[i] = (this.start[i] as Interval).hi;
		}
		const queued = new Set(sums);
		const queue = [...sums];
		for (let head = 0, limit = 200 * Math.max(1, sums.length); head < queue.length && head < limit; head++) {
			const k = queue[head] as number;
			queued.delete(k);
			for (const moved of this.narrowSum(k)) {
				for (const next of this.sumsOf[moved] ?? []) {
					if (queued.has(next)) continue;
					queued.add(next);
					queue.push(next);
				}
			}
		}
		(globalThis as any).__st ??= []; (globalThis as any).__st.push([cells.length, sums.length, queue.length]);
		return cells;
	}

	/** One sum's narrowing; returns the counts that moved. */
	private narrowSum(k: number): number[] {
		const { lo, hi } = this;
		const total = this.totals[k] as number;
		const parts = this.parts[k] as Int32Array;
		let partsLo = 0;
		let open = 0;
		let boundedHi = 0;
		for (const p of parts) {
			partsLo += lo[p] as number;
			if ((hi[p] as number) >= UNBOUNDED) open++;
			else boundedHi += hi[p] as number;
		}
		const moved: number[] = [];
		if (this.narrow(total, partsLo, open > 0 ? UNBOUNDED : boundedHi)) moved.push(total);
		const totalLo = lo[total] as number;
		const totalHi = hi[total] as number;
		for (const p of parts) {
			const partHi = hi[p] as number;
			const othersOpen = open - (partHi >= UNBOUNDED ? 1 : 0);
			const othersHi = boundedHi - (partHi >= UNBOUNDED ? 0 : partHi);
			const floor = othersOpen > 0 ? 0 : totalLo - othersHi;
			if (this.narrow(p, floor, totalHi - (partsLo - (lo[p] as number)))) moved.push(p);
		}
		return moved;
	}

	private narrow(i: number, lo: number, hi: number): boolean {
		const nextLo = Math.max(this.lo[i] as number, lo);
		const nextHi = Math.min(this.hi[i] as number, hi);
		if (nextLo === this.lo[i] && nextHi === this.hi[i]) return false;
		this.lo[i] = nextLo;
		this.hi[i] = nextHi;
		return true;
	}
}

/** Sums by index into a list of ids, for `ReaderBounds`. */
export function indexSums(ids: readonly string[], sums: readonly Sum[]): { total: number; parts: number[] }[] {
	const index = new Map(ids.map((id, i) => [id, i]));
	const at = (id: string) => {
		const i = index.get(id);
		if (i === undefined) throw new Error(`A sum names a count that is not in the report: ${id}`);
		return i;
	};
	return sums.map((s) => ({ total: at(s.total), parts: s.parts.map(at) }));
}
