import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay } from './format';

describe('dates and times in London time', () => {
	it('shows a time in Greenwich Mean Time in winter and British Summer Time in summer', () => {
		expect(formatDateTime('2026-03-29T00:30:00Z')).toBe('29 Mar 2026, 00:30');
		expect(formatDateTime('2026-07-01T12:05:00Z')).toBe('1 Jul 2026, 13:05');
		expect(formatDay('2026-06-30T23:30:00Z')).toBe('1 July 2026');
		expect(formatDay('2026-12-31T23:30:00Z')).toBe('31 December 2026');
	});

	it('reads exactly as toLocaleString with the same options, across a year of instants', () => {
		for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * 3_600_000 + 13 * 60_000) {
			const iso = new Date(t).toISOString();
			expect(formatDateTime(iso)).toBe(new Date(iso).toLocaleString('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }));
			expect(formatDay(iso)).toBe(new Date(iso).toLocaleDateString('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' }));
		}
	});

	it('says an invalid date is invalid rather than failing the page', () => {
		expect(formatDateTime('not a date')).toBe('Invalid Date');
		expect(formatDay('')).toBe('Invalid Date');
	});
});
