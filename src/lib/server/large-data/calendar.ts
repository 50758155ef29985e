import { fromLondon, isWorkingDate } from '../time/working-days';
import type { Random } from './random';

/**
 * How many referrals fall in each month: more in term time, few in August, and growing over the
 * years as more schools join. Counts add up exactly to the total (largest remainder).
 */
const SEASON = [1.0, 1.1, 1.15, 0.8, 1.1, 1.0, 0.75, 0.15, 0.7, 1.2, 1.25, 0.9];

export interface Month {
	year: number;
	/** 1–12 */
	month: number;
}

export function monthsBack(until: string, years: number): Month[] {
	const [y, m] = until.split('-').map(Number) as [number, number];
	const months: Month[] = [];
	for (let i = years * 12 - 1; i >= 0; i--) {
		const d = new Date(Date.UTC(y, m - 1 - i, 1));
		months.push({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 });
	}
	return months;
}

export function splitExactly(total: number, weights: number[]): number[] {
	const sum = weights.reduce((a, b) => a + b, 0);
	const raw = weights.map((w) => (total * w) / sum);
	const counts = raw.map(Math.floor);
	let left = total - counts.reduce((a, b) => a + b, 0);
	const order = raw.map((v, i) => [v - Math.floor(v), i] as const).sort((a, b) => b[0] - a[0]);
	for (const [, i] of order) {
		if (left-- <= 0) break;
		counts[i] = (counts[i] ?? 0) + 1;
	}
	return counts;
}

export function monthWeights(months: Month[], untilDay: number): number[] {
	return months.map((m, i) => {
		const growth = 0.7 + (0.6 * i) / Math.max(1, months.length - 1);
		// The last month is only partly over.
		const part = i === months.length - 1 ? untilDay / 30 : 1;
		return (SEASON[m.month - 1] ?? 1) * growth * part;
	});
}

/** A submission time on a working day of the month, 08:00–17:59 London time, not after `latest`. */
export function submissionTime(r: Random, m: Month, lastDay: number, holidays: ReadonlySet<string>, latest: Date): Date {
	for (let tries = 0; tries < 40; tries++) {
		const day = r.int(1, lastDay);
		if (tries < 39 && !isWorkingDate({ year: m.year, month: m.month, day }, holidays)) continue;
		const when = fromLondon({ year: m.year, month: m.month, day, hour: r.int(8, 17), minute: r.int(0, 59), second: r.int(0, 59), ms: 0 });
		if (when <= latest) return when;
	}
	return new Date(latest.getTime() - r.int(1, 600) * 60_000);
}
