/**
 * Dates and times as people in England read them, in London time. Safe for the browser. The
 * formatters are made once: building one per call (what `toLocaleString` with options does) was the
 * largest single cost of rendering a list page in the bench (issue 8).
 */
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit'
});
const DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });

/** A formatter throws on an invalid date where `toLocaleString` said so: keep saying so, never fail a page. */
function format(formatter: Intl.DateTimeFormat, iso: string): string {
	const date = new Date(iso);
	return Number.isNaN(date.getTime()) ? 'Invalid Date' : formatter.format(date);
}

export function formatDateTime(iso: string): string {
	return format(DATE_TIME, iso);
}

export function formatDay(iso: string): string {
	return format(DAY, iso);
}

/** "3 hours left" / "2 hours overdue" for a due time. */
export function timeLeft(minutes: number): string {
	const abs = Math.abs(minutes);
	const text = abs < 60 ? `${abs} minute${abs === 1 ? '' : 's'}` : abs < 48 * 60 ? `${Math.round(abs / 60)} hour${Math.round(abs / 60) === 1 ? '' : 's'}` : `${Math.round(abs / 1440)} days`;
	return minutes >= 0 ? `${text} left` : `${text} overdue`;
}
