import { addWorkingDays, fromLondon, START_OF_BUSINESS_HOUR, type HolidaySet } from '../time/working-days';

/**
 * When follow-ups fall due, are chased and close as "not returned" (DOMAIN.md §3 step 10). Pure: the
 * settings and the bank holidays come in as data.
 *
 * - Due on the outcome date plus the service's follow-up months (6 by default), a day past the end of
 *   a shorter month clamped to its last day (31 August + 6 months → 28 or 29 February). A 12-month
 *   follow-up follows when the service asks for one.
 * - The prompt goes at 09:00 London time on the due date, or on the next working day when the due
 *   date is a weekend or bank holiday.
 * - Chased that many working days after the prompt; closed as not returned the set number of working
 *   days after it, by the one working-days rule. A chase that would come on or after the close is
 *   not made.
 */
export interface FollowUpSettings {
	followUpMonths: number;
	chaseWorkingDays: number;
	notReturnedWorkingDays: number;
	twelveMonths: boolean;
}

export interface FollowUpDates {
	months: number;
	/** The calendar due date (ISO): reports key 6- and 12-month measures by it (DOMAIN.md §5). */
	dueOn: string;
	dueAt: Date;
	chaseAt: Date | null;
	closeAt: Date;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An ISO date plus whole months, clamped to the last day of the month it lands in. */
export function addMonthsClamped(iso: string, months: number): string {
	const match = ISO_DATE.exec(iso);
	if (!match) throw new RangeError('expected an ISO date (YYYY-MM-DD)');
	if (!Number.isInteger(months) || months < 0) throw new RangeError('months must be a whole number, 0 or more');
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const target = new Date(Date.UTC(year, month - 1 + months, 1));
	const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
	const d = Math.min(day, lastDay);
	return `${target.getUTCFullYear()}-${String(target.getUTCMonth() + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The dates of one follow-up `months` after the outcome. */
export function followUpDates(outcomeOn: string, months: number, settings: FollowUpSettings, holidays: HolidaySet): FollowUpDates {
	const dueOn = addMonthsClamped(outcomeOn, months);
	const [year, month, day] = dueOn.split('-').map(Number) as [number, number, number];
	// Zero working days from a non-working day lands at 09:00 on the next working day.
	const dueAt = addWorkingDays(fromLondon({ year, month, day, hour: START_OF_BUSINESS_HOUR, minute: 0, second: 0, ms: 0 }), 0, holidays);
	return { months, dueOn, dueAt, ...chaseAndClose(dueAt, settings, holidays) };
}

/** When a follow-up prompted at `promptedAt` is chased, and when it closes as not returned. */
export function chaseAndClose(promptedAt: Date, settings: Pick<FollowUpSettings, 'chaseWorkingDays' | 'notReturnedWorkingDays'>, holidays: HolidaySet): { chaseAt: Date | null; closeAt: Date } {
	const closeAt = addWorkingDays(promptedAt, settings.notReturnedWorkingDays, holidays);
	const chaseAt = settings.chaseWorkingDays < settings.notReturnedWorkingDays ? addWorkingDays(promptedAt, settings.chaseWorkingDays, holidays) : null;
	return { chaseAt, closeAt };
}

/** Every follow-up an outcome gets: the service's one, and a 12-month one when asked for and later. */
export function followUpSchedule(outcomeOn: string, settings: FollowUpSettings, holidays: HolidaySet): FollowUpDates[] {
	const schedule = [followUpDates(outcomeOn, settings.followUpMonths, settings, holidays)];
	if (settings.twelveMonths && settings.followUpMonths < 12) schedule.push(followUpDates(outcomeOn, 12, settings, holidays));
	return schedule;
}
