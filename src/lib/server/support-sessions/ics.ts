/**
 * A programme session as an iCalendar file (RFC 5545), written by hand: one VEVENT, CRLF line ends,
 * lines folded at 75 octets, text escaped, times in UTC. Pure: it takes plain data.
 *
 * The event never names a young person (DOMAIN.md §3 step 6, §7): a DSL's calendar, or a youth
 * worker's shared calendar, is not the place for pupil data. The caller passes only the title, the
 * times, where it is and, for youth workers, the remote link.
 */
export interface CalendarEvent {
	/** Stable across downloads, so calendars update the event rather than add another. */
	uid: string;
	title: string;
	startsAt: Date;
	endsAt: Date;
	location: string;
	description?: string | null;
	url?: string | null;
	/** Bumped whenever the session changes (the record's version). */
	sequence: number;
	/** When the session record last changed. */
	stamp: Date;
	cancelled: boolean;
}

/** 20261126T093000Z */
export function utcStamp(at: Date): string {
	return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT values: backslash, semicolon and comma escaped, newlines as \n (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line so no line is longer than 75 octets (RFC 5545 3.1): continuation lines start
 * with one space. Never splits a UTF-8 character.
 */
export function foldLine(line: string): string {
	const encoder = new TextEncoder();
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	for (const char of line) {
		const size = encoder.encode(char).length;
		const limit = parts.length === 0 ? 75 : 74;
		if (octets + size > limit) {
			parts.push(current);
			current = '';
			octets = 0;
		}
		current += char;
		octets += size;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

/** The whole calendar file. */
export function buildCalendar(event: CalendarEvent): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Divert for Schools//Programme sessions//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		'BEGIN:VEVENT',
		`UID:${escapeText(event.uid)}`,
		`DTSTAMP:${utcStamp(event.stamp)}`,
		`DTSTART:${utcStamp(event.startsAt)}`,
		`DTEND:${utcStamp(event.endsAt)}`,
		`SEQUENCE:${event.sequence}`,
		`SUMMARY:${escapeText(event.title)}`,
		`LOCATION:${escapeText(event.location)}`,
		...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
		...(event.url ? [`URL:${event.url.replace(/[\r\n]/g, '')}`] : []),
		`STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
		'TRANSP:OPAQUE',
		'END:VEVENT',
		'END:VCALENDAR'
	];
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
