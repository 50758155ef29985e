import { describe, expect, it } from 'vitest';
import { BANK_HOLIDAYS } from '../settings/bank-holidays';
import { addHours, addWorkingDays, fromLondon, isWorkingDay, toLondon, toLondonByIntl } from './working-days';

const holidays = new Set(BANK_HOLIDAYS.map((h) => h.date));
const due = (iso: string, days = 1) => addWorkingDays(new Date(iso), days, holidays).toISOString();

describe('working days (England and Wales)', () => {
	it('is due at the same time on the next working day', () => {
		expect(due('2026-11-24T10:00:00Z')).toBe('2026-11-25T10:00:00.000Z');
	});

	it('takes a Friday 16:59 referral to Monday 16:59', () => {
		expect(due('2026-11-27T16:59:00Z')).toBe('2026-11-30T16:59:00.000Z');
	});

	it('skips a bank-holiday Monday', () => {
		// Friday 22 May 2026, then Spring bank holiday Monday 25 May.
		expect(due('2026-05-22T15:00:00Z')).toBe('2026-05-26T15:00:00.000Z');
	});

	it('skips Christmas, Boxing Day substitute and the weekend', () => {
		// Thursday 24 December 2026 14:00 GMT; 25th (Fri) and 28th (Mon, Boxing Day substitute) are holidays.
		expect(due('2026-12-24T14:00:00Z')).toBe('2026-12-29T14:00:00.000Z');
	});

	it('starts a weekend referral at 09:00 on the next working day', () => {
		expect(due('2026-11-28T10:00:00Z')).toBe('2026-12-01T09:00:00.000Z');
		expect(due('2026-11-28T10:00:00Z', 0)).toBe('2026-11-30T09:00:00.000Z');
	});

	it('keeps London wall-clock time across the change to summer time', () => {
		// Friday 27 March 2026 16:59 GMT; clocks go forward on Sunday 29 March.
		expect(due('2026-03-27T16:59:00Z')).toBe('2026-03-30T15:59:00.000Z');
	});

	it('counts several working days', () => {
		expect(due('2026-11-26T09:30:00Z', 5)).toBe('2026-12-03T09:30:00.000Z');
	});

	it('knows which days are working days', () => {
		expect(isWorkingDay(new Date('2026-12-25T12:00:00Z'), holidays)).toBe(false);
		expect(isWorkingDay(new Date('2026-12-29T12:00:00Z'), holidays)).toBe(true);
		expect(isWorkingDay(new Date('2026-11-29T12:00:00Z'), holidays)).toBe(false);
	});

	it('adds clock hours for hour-based timers', () => {
		expect(addHours(new Date('2026-11-27T16:59:00Z'), 24).toISOString()).toBe('2026-11-28T16:59:00.000Z');
	});

	it('round-trips London local time', () => {
		const instant = new Date('2026-07-01T08:15:00Z');
		expect(toLondon(instant).hour).toBe(9);
		expect(fromLondon(toLondon(instant)).toISOString()).toBe(instant.toISOString());
	});

	it('refuses negative or fractional days', () => {
		expect(() => addWorkingDays(new Date(), -1, holidays)).toThrow(RangeError);
		expect(() => addWorkingDays(new Date(), 0.5, holidays)).toThrow(RangeError);
	});
});

describe('toLondon, by the offset kept per UTC hour', () => {
	it('agrees with the time-zone database every 211 minutes from 2000 to 2040, and either side of the small hours of each spring and autumn day from 1970 to 2040', () => {
		const check = (ms: number) => {
			const instant = new Date(ms);
			const fast = toLondon(instant);
			const slow = toLondonByIntl(instant);
			if (fast.hour !== slow.hour || fast.day !== slow.day || fast.minute !== slow.minute || fast.second !== slow.second) expect({ at: instant.toISOString(), fast }).toEqual({ at: instant.toISOString(), fast: slow });
		};
		// The offset only changes on a UTC hour, in the small hours of a spring or autumn day: the last
		// second before each such hour and the hour itself.
		for (let day = Date.UTC(1970, 0, 1); day < Date.UTC(2040, 0, 1); day += 3_600_000 * 24) {
			if (![1, 2, 3, 8, 9, 10].includes(new Date(day).getUTCMonth())) continue;
			const hour = day;
			for (const h of [0, 1, 2]) {
				check(hour + h * 3_600_000 - 1_000);
				check(hour + h * 3_600_000);
			}
		}
		for (let ms = Date.UTC(2000, 0, 1); ms < Date.UTC(2040, 0, 1); ms += 211 * 60_000 + 1_234) {
			const instant = new Date(ms);
			const fast = toLondon(instant);
			const slow = toLondonByIntl(instant);
			if (fast.hour !== slow.hour || fast.day !== slow.day || fast.minute !== slow.minute) expect({ at: instant.toISOString(), fast }).toEqual({ at: instant.toISOString(), fast: slow });
		}
	});

	it('gives the wall clock either side of the spring and autumn changes of 2026', () => {
		// 29 March 2026: 01:00 GMT becomes 02:00 BST. 25 October 2026: 02:00 BST becomes 01:00 GMT.
		expect(toLondon(new Date('2026-03-29T00:59:59Z'))).toMatchObject({ day: 29, hour: 0, minute: 59, second: 59 });
		expect(toLondon(new Date('2026-03-29T01:00:00Z'))).toMatchObject({ day: 29, hour: 2, minute: 0 });
		expect(toLondon(new Date('2026-10-25T00:59:59.250Z'))).toMatchObject({ day: 25, hour: 1, minute: 59, second: 59, ms: 250 });
		expect(toLondon(new Date('2026-10-25T01:00:00Z'))).toMatchObject({ day: 25, hour: 1, minute: 0 });
		expect(toLondon(new Date('2026-12-31T23:30:00Z'))).toMatchObject({ year: 2026, month: 12, day: 31, hour: 23, minute: 30 });
		expect(toLondon(new Date('2026-07-31T23:30:00Z'))).toMatchObject({ year: 2026, month: 8, day: 1, hour: 0, minute: 30 });
	});

	it('refuses an invalid date as the time-zone database does', () => {
		expect(() => toLondon(new Date(Number.NaN))).toThrow(RangeError);
	});
});
