import type { Run } from './stats';

/** Issue 8's budgets. Every page is held to the floor that does the same kind of work (read or write). */
export const BUDGETS = {
	/** A page's p99 at most this many times its floor's p99. */
	p99Ratio: 3,
	/** A page's throughput at least this share of its floor's. */
	throughputRatio: 0.5,
	governorReportMs: 20,
	serviceReportMs: 50,
	clientJsKb: 50
} as const;

/**
 * `read`: the trivial page that reads nothing; `write`: the trivial endpoint that commits one
 * audit-sized row. A page that writes an audit row (SECURITY.md 15) is held to the write floor.
 */
export type FloorKind = 'read' | 'write';

export const FLOOR_NAMES: Record<FloorKind, string> = { read: 'Read floor: a page that reads nothing', write: 'Write floor: commits one audit row' };

export interface PageResult {
	name: string;
	role: string;
	floor: FloorKind;
	run: Run;
	/** Why the figures are not a load test's (a page too slow to load-test in the time the bench has). */
	note?: string;
}

export interface Check {
	subject: string;
	rule: string;
	ok: boolean;
}

/** A floor's p99 can round to 0 ms on a quick machine; a ratio against it would be meaningless. */
const floorP99 = (floor: Run) => Math.max(floor.p99, 1);

export const throughputRatio = (page: Run, floor: Run) => (floor.rps > 0 ? page.rps / floor.rps : 0);
export const p99Ratio = (page: Run, floor: Run) => page.p99 / floorP99(floor);

/** Every response was a 2xx (a redirect to sign-in, a 404 or an error would measure the wrong thing). */
export function validRun(subject: string, run: Run): Check {
	return { subject, rule: 'every response a 2xx, none timed out', ok: run.bad === 0 && run.completed > 0 };
}

export function pageChecks(page: PageResult, floors: Record<FloorKind, Run>): Check[] {
	const floor = floors[page.floor];
	return [
		validRun(page.name, page.run),
		{ subject: page.name, rule: `p99 at most ${BUDGETS.p99Ratio}× the ${page.floor} floor's`, ok: p99Ratio(page.run, floor) <= BUDGETS.p99Ratio },
		{
			subject: page.name,
			rule: `throughput at least ${BUDGETS.throughputRatio}× the ${page.floor} floor's`,
			ok: throughputRatio(page.run, floor) >= BUDGETS.throughputRatio
		}
	];
}

/** A measured figure at or under its limit (report times in ms, client JavaScript in KB). */
export function limitCheck(subject: string, value: number, limit: number, unit: string): Check {
	return { subject, rule: `at most ${limit} ${unit}`, ok: Number.isFinite(value) && value <= limit };
}
