/** The middle value (the mean of the two middle values for an even count); NaN for none. */
export function median(values: readonly number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** One fixed-duration autocannon run against one page. */
export interface Run {
	/** Completed responses per second over the run. */
	rps: number;
	p50: number;
	p99: number;
	completed: number;
	/** Responses that were not 2xx, errors and timeouts: any makes the measurement invalid. */
	bad: number;
}

/** The median of each figure over several runs, taken separately (as the issue asks: the median). */
export function medianOfRuns(runs: readonly Run[]): Run {
	return {
		rps: median(runs.map((r) => r.rps)),
		p50: median(runs.map((r) => r.p50)),
		p99: median(runs.map((r) => r.p99)),
		completed: runs.reduce((n, r) => n + r.completed, 0),
		bad: runs.reduce((n, r) => n + r.bad, 0)
	};
}
