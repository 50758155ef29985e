import { fromLondon, isoDate, toLondon } from '../time/working-days';

/**
 * Dates for the demo's past cases, in London time, counted back from the moment the demo is seeded,
 * so that every demo database shows the same story relative to its own "today".
 */
const DAY_MS = 86_400_000;

/** The London calendar date of an instant. */
export function londonDate(at: Date): string {
	return isoDate(toLondon(at));
}

/** An ISO date plus (or minus) whole days. */
export function addDays(iso: string, days: number): string {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The weekday on or before an ISO date (a Saturday or Sunday goes back to the Friday). */
export function weekdayOnOrBefore(iso: string): string {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
	const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
	return day === 6 ? addDays(iso, -1) : day === 0 ? addDays(iso, -2) : iso;
}

/** The weekday on or after an ISO date. */
export function weekdayOnOrAfter(iso: string): string {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
	const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
	return day === 6 ? addDays(iso, 2) : day === 0 ? addDays(iso, 1) : iso;
}

/** The instant of a London wall-clock time ("HH:MM") on an ISO date. */
export function at(iso: string, time: string): Date {
	const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
	const [hour, minute] = time.split(':').map(Number) as [number, number];
	return fromLondon({ year, month, day, hour, minute, second: 0, ms: 0 });
}

/** A weekday `days` before today (London), as an ISO date. */
export function weekdayAgo(now: Date, days: number): string {
	return weekdayOnOrBefore(addDays(londonDate(now), -days));
}

/** An ISO date as the Day / Month / Year fields of a form, under a prefix ("incidentDay"…). */
export function dateFields(prefix: string, iso: string): Record<string, string> {
	const [y, m, d] = iso.split('-');
	return { [`${prefix}Day`]: String(Number(d)), [`${prefix}Month`]: String(Number(m)), [`${prefix}Year`]: y ?? '' };
}

/** The academic year (by the year it starts in) of an ISO date: 1 September to 31 August. */
export function academicYearOf(iso: string): number {
	const [y, m] = iso.split('-').map(Number) as [number, number];
	return m >= 9 ? y : y - 1;
}

/** An ISO date `months` whole months earlier, clamped to the end of a shorter month. */
export function monthsBefore(iso: string, months: number): string {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
	const first = new Date(Date.UTC(y, m - 1 - months, 1));
	const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
	return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

/**
 * A date of birth that fits the year group on the given date ("none", a college student, is taken as
 * year 12): born in the school year that starts `year + 5` years before the current one. `k` picks the
 * month (0 is September) and `day` the day.
 */
export function dobFor(yearGroup: string, onIso: string, k = 5, day = 14): [number, number, number] {
	const year = yearGroup === 'none' ? 12 : Number(yearGroup);
	const start = academicYearOf(onIso) - year - 5;
	const month = ((8 + k) % 12) + 1;
	return [day, month, k >= 4 ? start + 1 : start];
}
