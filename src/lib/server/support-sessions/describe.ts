import { ATTENDANCE_LABELS, REVIEW_DECISION_LABELS, type Attendance, type ReviewDecision } from '$lib/schemas/support-session';

/**
 * What the chronology says for the entries sessions and reviews write (the case page's event
 * descriptions). Null for entries this module does not own.
 */
export function describeSessionEvent(e: { kind: string; section: string | null; fromState: string | null }): string | null {
	switch (e.kind) {
		case 'attendance': {
			const mark = ATTENDANCE_LABELS[e.section as Attendance] ?? e.section;
			return e.fromState ? `Session attendance corrected: ${mark}` : `Session attendance recorded: ${mark}`;
		}
		case 'session':
			return e.section === 'removed' ? 'Taken out of a programme session' : 'Added to a programme session';
		case 'review':
			return e.section === 'raised' ? 'Flagged for review: two sessions missed without an excuse' : `Review decided: ${REVIEW_DECISION_LABELS[e.section as ReviewDecision] ?? e.section}`;
		default:
			return null;
	}
}
