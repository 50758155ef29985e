/**
 * What the large-data generator builds. The defaults are the performance issue's large database;
 * `SMALL` is the same shape at 1% for tests.
 */
export interface LargeDataOptions {
	services: number;
	schools: number;
	referrals: number;
	years: number;
	out: string;
	seed: number;
	/** The day the data runs up to (ISO date): open cases are recent relative to it. Part of what makes a run repeatable. */
	until: string;
}

/** Bump when the generated rows change, so a cached file from an older generator is rebuilt. */
export const GENERATOR_VERSION = 2;

/** Every generated account's password, documented for the performance bench (not a real secret). */
export const BENCH_PASSWORD = 'large-data-bench-2026';

export const DEFAULTS: Omit<LargeDataOptions, 'until'> = { services: 20, schools: 2000, referrals: 200_000, years: 5, out: 'data/large.db', seed: 1 };
export const SMALL: Pick<LargeDataOptions, 'services' | 'schools' | 'referrals'> = { services: 2, schools: 20, referrals: 2000 };

export function todayUtc(now = new Date()): string {
	return now.toISOString().slice(0, 10);
}

function positive(name: string, value: string | undefined, fallback: number): number {
	if (value === undefined) return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number, 1 or more`);
	return n;
}

/** Options from the command line's values (`--services 20` …) and the `--small` preset. */
export function readOptions(values: Map<string, string>, small: boolean, now = new Date()): LargeDataOptions {
	const base = small ? { ...DEFAULTS, ...SMALL } : DEFAULTS;
	const until = values.get('until') ?? todayUtc(now);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) throw new Error('--until must be a date like 2026-11-26');
	const options = {
		services: positive('services', values.get('services'), base.services),
		schools: positive('schools', values.get('schools'), base.schools),
		referrals: positive('referrals', values.get('referrals'), base.referrals),
		years: positive('years', values.get('years'), base.years),
		out: values.get('out') ?? base.out,
		seed: positive('seed', values.get('seed'), base.seed),
		until
	};
	if (options.schools < options.services) throw new Error('--schools must be at least --services (every service has a school)');
	return options;
}
