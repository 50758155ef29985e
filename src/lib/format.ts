/** Dates and times as people in England read them, in London time. Safe for the browser. */
export function formatDateTime(iso: string): string {
	return new Date(iso).toLocaleString('en-GB', {
		timeZone: 'Europe/London',
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit'
	});
}

export function formatDay(iso: string): string {
	return new Date(iso).toLocaleDateString('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });
}

/** "3 hours left" / "2 hours overdue" for a due time. */
export function timeLeft(minutes: number): string {
	const abs = Math.abs(minutes);
	const text = abs < 60 ? `${abs} minute${abs === 1 ? '' : 's'}` : abs < 48 * 60 ? `${Math.round(abs / 60)} hour${Math.round(abs / 60) === 1 ? '' : 's'}` : `${Math.round(abs / 1440)} days`;
	return minutes >= 0 ? `${text} left` : `${text} overdue`;
}
