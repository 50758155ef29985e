import { describe, expect, it } from 'vitest';
import { BUDGETS, limitCheck, pageChecks, type PageResult } from '../../scripts/lib/bench/budgets';
import { markdown } from '../../scripts/lib/bench/report';
import { median, medianOfRuns, type Run } from '../../scripts/lib/bench/stats';
import { timeRuns } from '../../scripts/lib/bench/timing';

const run = (rps: number, p99: number, bad = 0): Run => ({ rps, p50: p99 / 2, p99, completed: Math.round(rps * 5), bad });
const floors = { read: run(1000, 20), write: run(400, 30) };
const page = (r: Run, floor: 'read' | 'write' = 'write'): PageResult => ({ name: 'Case page', role: 'youth worker', floor, run: r });
const failedRules = (p: PageResult) => pageChecks(p, floors).filter((c) => !c.ok).map((c) => c.rule);

describe('the bench statistics', () => {
	it('takes the middle of an odd count and the mean of the middle two of an even one', () => {
		expect(median([30, 10, 20])).toBe(20);
		expect(median([40, 10, 30, 20])).toBe(25);
		expect(median([])).toBeNaN();
	});

	it('reports the median of each figure over the runs, and every bad response of any run', () => {
		const m = medianOfRuns([run(100, 90), run(300, 10, 2), run(200, 50)]);
		expect(m).toMatchObject({ rps: 200, p99: 50, p50: 25, bad: 2 });
	});
});

describe('the bench budgets', () => {
	it('holds an audited page to the write floor: at least half its throughput, at most three times its p99', () => {
		expect(failedRules(page(run(200, 90)))).toEqual([]);
		expect(failedRules(page(run(199, 90)))).toEqual([`throughput at least ${BUDGETS.throughputRatio}× the write floor's`]);
		expect(failedRules(page(run(200, 91)))).toEqual([`p99 at most ${BUDGETS.p99Ratio}× the write floor's`]);
	});

	it('holds a read-only page to the read floor instead', () => {
		expect(failedRules(page(run(499, 60), 'read'))).toEqual([`throughput at least ${BUDGETS.throughputRatio}× the read floor's`]);
		expect(failedRules(page(run(500, 61), 'read'))).toEqual([`p99 at most ${BUDGETS.p99Ratio}× the read floor's`]);
	});

	it('fails a fast page that answered anything but a 2xx (a redirect to sign-in measures the wrong page)', () => {
		expect(failedRules(page(run(5000, 1, 1)))).toEqual(['every response a 2xx, none timed out']);
	});

	it('fails a page that completed no request at all', () => {
		expect(failedRules(page({ rps: 0, p50: Number.NaN, p99: Number.NaN, completed: 0, bad: 0 }))).toHaveLength(3);
	});

	it('does not fail every page because a quick floor rounded its p99 to 0 ms', () => {
		expect(failedRules(page(run(300, 3)))).toEqual([]);
		expect(pageChecks(page(run(300, 3)), { read: floors.read, write: run(400, 0) }).every((c) => c.ok)).toBe(true);
	});

	it('treats a figure that could not be measured as over its limit', () => {
		expect(limitCheck('Governor report', 20, BUDGETS.governorReportMs, 'ms').ok).toBe(true);
		expect(limitCheck('Governor report', 20.1, BUDGETS.governorReportMs, 'ms').ok).toBe(false);
		expect(limitCheck('Governor report', Number.NaN, BUDGETS.governorReportMs, 'ms').ok).toBe(false);
	});
});

describe('the bench table', () => {
	it('shows each page against its floor and lists every missed budget', () => {
		const slow = page(run(100, 200));
		const checks = pageChecks(slow, floors);
		const text = markdown({ floors, pages: [slow], timings: [{ name: 'Governor report', ms: 12.34, limitMs: 20 }], js: [{ name: 'Sign-in page', files: 3, bytes: 40 * 1024 }], checks });
		expect(text).toContain('| Case page | youth worker | write | 100 | 100 | 200 | 0.25× | 6.67× | **missed** |');
		expect(text).toContain('| Governor report | 12 | ≤ 20 ms: ok |');
		expect(text).toContain('| Sign-in page | 3 | 40.0 KB | ≤ 50 KB: ok |');
		expect(text).toContain('Budgets missed (2):');
		expect(text).toContain("- Case page: p99 at most 3× the write floor's");
	});

	it('says so when every budget is met', () => {
		const fine = page(run(300, 40));
		expect(markdown({ floors, pages: [fine], timings: [], js: [], checks: pageChecks(fine, floors) })).toContain('Every budget met.');
	});
});

describe('timing in process', () => {
	it('stops early, after at least one timed run, once its time is up', async () => {
		let calls = 0;
		const slow = () => new Promise((r) => setTimeout(r, 30)).then(() => calls++);
		const timed = await timeRuns(slow, 10, 50);
		expect(timed.runs).toBeGreaterThanOrEqual(1);
		expect(timed.runs).toBeLessThan(10);
		expect(calls).toBe(timed.runs + 1);
		expect(timed.median).toBeGreaterThanOrEqual(25);
	});

	it('reports the cold first run alone when that already took longer than its time', async () => {
		let calls = 0;
		const timed = await timeRuns(() => new Promise((r) => setTimeout(r, 40)).then(() => calls++), 5, 10);
		expect(calls).toBe(1);
		expect(timed.runs).toBe(1);
		expect(timed.median).toBeGreaterThanOrEqual(35);
	});
});
