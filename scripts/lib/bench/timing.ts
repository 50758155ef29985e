export interface Timed {
	median: number;
	min: number;
	max: number;
	/** How many timed runs there were (fewer than asked when the time ran out). */
	runs: number;
}

/**
 * How long something takes in process: one warm-up, then `runs` timed runs, or fewer once `maxMs`
 * has passed (at least one), so that a very slow computation cannot stretch the bench for long. When
 * the warm-up alone takes longer than `maxMs`, it is the one (cold) figure.
 */
export async function timeRuns(run: () => Promise<unknown>, runs: number, maxMs = Number.POSITIVE_INFINITY): Promise<Timed> {
	const begun = performance.now();
	await run();
	const warm = performance.now() - begun;
	if (warm > maxMs) return { median: warm, min: warm, max: warm, runs: 1 };
	const times: number[] = [];
	for (let i = 0; i < runs && (i === 0 || performance.now() - begun < maxMs); i++) {
		const started = performance.now();
		await run();
		times.push(performance.now() - started);
	}
	times.sort((a, b) => a - b);
	return { median: times[Math.floor(times.length / 2)] ?? Number.NaN, min: times[0] ?? Number.NaN, max: times.at(-1) ?? Number.NaN, runs: times.length };
}
