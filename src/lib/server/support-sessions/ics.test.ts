import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine } from './ics';

const event = {
	uid: 'abc123@divert-for-schools',
	title: 'DIVERT Young People session',
	startsAt: new Date('2026-10-26T10:00:00Z'),
	endsAt: new Date('2026-10-26T11:30:00Z'),
	location: 'Room 4, Youth Centre; Northmoor',
	sequence: 2,
	stamp: new Date('2026-10-01T08:15:30.123Z'),
	cancelled: false
};

describe('the .ics builder', () => {
	it('writes one VEVENT with CRLF line endings and UTC start and end times', () => {
		const ics = buildCalendar(event);
		expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
		expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
		expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		expect(ics).toContain('\r\nDTSTART:20261026T100000Z\r\n');
		expect(ics).toContain('\r\nDTEND:20261026T113000Z\r\n');
		expect(ics).toContain('\r\nDTSTAMP:20261001T081530Z\r\n');
		expect(ics).toContain('\r\nUID:abc123@divert-for-schools\r\n');
		expect(ics).toContain('\r\nSEQUENCE:2\r\n');
		expect(ics).toContain('\r\nSTATUS:CONFIRMED\r\n');
		expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
	});

	it('escapes backslashes, semicolons, commas and newlines in text', () => {
		expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
		expect(buildCalendar(event)).toContain('\r\nLOCATION:Room 4\\, Youth Centre\\; Northmoor\r\n');
	});

	it('folds lines longer than 75 octets without splitting a character', () => {
		const long = `DESCRIPTION:${'Zoë '.repeat(40)}`;
		const folded = foldLine(long);
		const lines = folded.split('\r\n');
		expect(lines.length).toBeGreaterThan(1);
		for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		for (const line of lines.slice(1)) expect(line.startsWith(' ')).toBe(true);
		expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(long);
	});

	it('marks a cancelled session as cancelled', () => {
		expect(buildCalendar({ ...event, cancelled: true })).toContain('\r\nSTATUS:CANCELLED\r\n');
	});

	it('keeps a hostile title inside its own line', () => {
		const ics = buildCalendar({ ...event, title: 'x\r\nATTENDEE:mailto:someone@example.org' });
		expect(ics).not.toMatch(/\r\nATTENDEE/);
	});
});
