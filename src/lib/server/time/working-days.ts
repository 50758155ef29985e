/**
 * Working days in England and Wales (DOMAIN.md §3: timers). Pure: takes the bank holidays as data.
 *
 * The rule, in Europe/London local time:
 * - a working day is Monday to Friday and not a bank holiday;
 * - a timer started on a working day is due at the same local time N working days later
 *   (submitted Friday 16:59 → due Monday 16:59 for one working day);
 * - a timer started on a non-working day counts as started at 09:00 on the next working day
 *   (submitted Saturday 10:00 → due Tuesday 09:00 for one working day).
 */
export const ZONE = 'Europe/London';
export const START_OF_BUSINESS_HOUR = 9;

export type HolidaySet = ReadonlySet<string>;

interface LocalTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	ms: number;
}

const formatter = new Intl.DateTimeFormat('en-GB', {
	timeZone: ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

/** London wall-clock time by the time-zone database (slow: about 5 µs a call). */
export function toLondonByIntl(instant: Date): LocalTime {
	const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
	return {
		year: Number(parts.year),
		month: Number(parts.month),
		day: Number(parts.day),
		hour: Number(parts.hour),
		minute: Number(parts.minute),
		second: Number(parts.second),
		ms: instant.getUTCMilliseconds()
	};
}

const HOUR_MS = 3_600_000;
/** London's offset from UTC in each UTC hour seen: it only ever changes on the hour (01:00 UTC). */
const offsets = new Map<number, number>();

function offsetMs(instantMs: number): number {
	const hour = Math.floor(instantMs / HOUR_MS);
	let offset = offsets.get(hour);
	if (offset === undefined) {
		const local = toLondonByIntl(new Date(hour * HOUR_MS));
		offset = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - hour * HOUR_MS;
		if (offsets.size >= 50_000) offsets.clear();
		offsets.set(hour, offset);
	}
	return offset;
}

/**
 * London wall-clock time: the time-zone database's offset, asked once per UTC hour, applied to the
 * instant (every page that shows a time or a due date calls this, often for each row; issue 8).
 */
export function toLondon(instant: Date): LocalTime {
	const ms = instant.getTime();
	const local = new Date(ms + offsetMs(ms));
	return {
		year: local.getUTCFullYear(),
		month: local.getUTCMonth() + 1,
		day: local.getUTCDate(),
		hour: local.getUTCHours(),
		minute: local.getUTCMinutes(),
		second: local.getUTCSeconds(),
		ms: instant.getUTCMilliseconds()
	};
}

/** The instant a London wall-clock time names (the later one in the autumn overlap). */
export function fromLondon(local: LocalTime): Date {
	const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.ms);
	let guess = asUtc;
	for (let i = 0; i < 3; i++) {
		const seen = toLondon(new Date(guess));
		const seenUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second, local.ms);
		const drift = seenUtc - asUtc;
		if (drift === 0) break;
		guess -= drift;
	}
	return new Date(guess);
}

export function isoDate(local: Pick<LocalTime, 'year' | 'month' | 'day'>): string {
	return `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
}

function nextDate(local: LocalTime): LocalTime {
	const d = new Date(Date.UTC(local.year, local.month - 1, local.day + 1));
	return { ...local, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isWorkingDate(local: Pick<LocalTime, 'year' | 'month' | 'day'>, holidays: HolidaySet): boolean {
	const weekday = new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay();
	return weekday !== 0 && weekday !== 6 && !holidays.has(isoDate(local));
}

export function isWorkingDay(instant: Date, holidays: HolidaySet): boolean {
	return isWorkingDate(toLondon(instant), holidays);
}

/** When a timer of `days` working days, started at `start`, falls due. */
export function addWorkingDays(start: Date, days: number, holidays: HolidaySet): Date {
	if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a whole number, 0 or more');
	let local = toLondon(start);
	if (!isWorkingDate(local, holidays)) {
		do local = nextDate(local);
		while (!isWorkingDate(local, holidays));
		local = { ...local, hour: START_OF_BUSINESS_HOUR, minute: 0, second: 0, ms: 0 };
	}
	for (let counted = 0; counted < days; ) {
		local = nextDate(local);
		if (isWorkingDate(local, holidays)) counted++;
	}
	return fromLondon(local);
}

/** Adds clock hours (for timers in hours, like the MASH written referral within 24 hours). */
export function addHours(start: Date, hours: number): Date {
	return new Date(start.getTime() + hours * 3_600_000);
}
