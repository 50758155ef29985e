import { describe, expect, it } from 'vitest';
import { BANK_HOLIDAYS } from '../settings/bank-holidays';
import { addMonthsClamped, followUpDates, followUpSchedule, type FollowUpSettings } from './dates';

const holidays = new Set(BANK_HOLIDAYS.map((h) => h.date));
const DEFAULTS: FollowUpSettings = { followUpMonths: 6, chaseWorkingDays: 10, notReturnedWorkingDays: 30, twelveMonths: false };
const dates = (outcomeOn: string, settings: Partial<FollowUpSettings> = {}) => {
	const d = followUpDates(outcomeOn, settings.followUpMonths ?? 6, { ...DEFAULTS, ...settings }, holidays);
	return { dueOn: d.dueOn, dueAt: d.dueAt.toISOString(), chaseAt: d.chaseAt?.toISOString() ?? null, closeAt: d.closeAt.toISOString() };
};

describe('adding months to an outcome date', () => {
	it('keeps the day of the month when the month has it', () => {
		expect(addMonthsClamped('2026-03-15', 6)).toBe('2026-09-15');
	});

	it('crosses into the next year', () => {
		expect(addMonthsClamped('2026-10-15', 6)).toBe('2027-04-15');
	});

	it('clamps 31 March to 30 September', () => {
		expect(addMonthsClamped('2026-03-31', 6)).toBe('2026-09-30');
	});

	it('clamps 31 August to 28 February, or 29 February in a leap year', () => {
		expect(addMonthsClamped('2026-08-31', 6)).toBe('2027-02-28');
		expect(addMonthsClamped('2027-08-31', 6)).toBe('2028-02-29');
	});

	it('takes 29 February to 28 February a year later', () => {
		expect(addMonthsClamped('2028-02-29', 12)).toBe('2029-02-28');
	});

	it('refuses what is not an ISO date', () => {
		expect(() => addMonthsClamped('31/08/2026', 6)).toThrow(RangeError);
		expect(() => addMonthsClamped('2026-08-31', -1)).toThrow(RangeError);
	});
});

describe('when a follow-up is prompted, chased and closed', () => {
	it('prompts at 09:00 London time on a working due date (British Summer Time here)', () => {
		expect(dates('2026-03-31')).toMatchObject({ dueOn: '2026-09-30', dueAt: '2026-09-30T08:00:00.000Z' });
	});

	it('prompts on the Monday when the due date is a Saturday, and keeps the due date', () => {
		expect(dates('2026-04-03')).toMatchObject({ dueOn: '2026-10-03', dueAt: '2026-10-05T08:00:00.000Z' });
	});

	it('prompts on the Monday when a clamped month-end due date is a Sunday', () => {
		expect(dates('2026-08-31')).toMatchObject({ dueOn: '2027-02-28', dueAt: '2027-03-01T09:00:00.000Z' });
	});

	it('prompts after a bank-holiday Monday', () => {
		expect(dates('2026-11-03')).toMatchObject({ dueOn: '2027-05-03', dueAt: '2027-05-04T08:00:00.000Z' });
	});

	it('skips Christmas, the Boxing Day substitute and New Year’s Day when counting working days', () => {
		// Due Friday 25 December 2026: prompted Tuesday 29th; 10 working days on is Wednesday 13 January
		// (1 January is a holiday); 30 working days on is Wednesday 10 February.
		expect(dates('2026-06-25')).toEqual({
			dueOn: '2026-12-25',
			dueAt: '2026-12-29T09:00:00.000Z',
			chaseAt: '2027-01-13T09:00:00.000Z',
			closeAt: '2027-02-10T09:00:00.000Z'
		});
	});

	it('chases after the service’s number of working days over a weekend', () => {
		// Wednesday 30 September 2026 + 3 working days = Monday 5 October.
		expect(dates('2026-03-31', { chaseWorkingDays: 3, notReturnedWorkingDays: 5 })).toMatchObject({
			chaseAt: '2026-10-05T08:00:00.000Z',
			closeAt: '2026-10-07T08:00:00.000Z'
		});
	});

	it('makes no chase when it would come on or after the close', () => {
		expect(dates('2026-03-31', { chaseWorkingDays: 10, notReturnedWorkingDays: 10 }).chaseAt).toBeNull();
	});

	it('uses the service’s number of months', () => {
		expect(dates('2026-01-31', { followUpMonths: 3 }).dueOn).toBe('2026-04-30');
	});
});

describe('the follow-ups an outcome gets', () => {
	it('is the 6-month one only, unless the service asks for 12 months', () => {
		expect(followUpSchedule('2026-02-28', DEFAULTS, holidays).map((f) => [f.months, f.dueOn])).toEqual([[6, '2026-08-28']]);
	});

	it('adds a 12-month one when the service asks', () => {
		const schedule = followUpSchedule('2026-02-28', { ...DEFAULTS, twelveMonths: true }, holidays);
		expect(schedule.map((f) => [f.months, f.dueOn])).toEqual([
			[6, '2026-08-28'],
			[12, '2027-02-28']
		]);
	});

	it('does not add a second one when the service’s follow-up is already at 12 months or later', () => {
		expect(followUpSchedule('2026-02-28', { ...DEFAULTS, followUpMonths: 12, twelveMonths: true }, holidays).map((f) => f.months)).toEqual([12]);
	});
});
