import { and, eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { t, type Queryable } from '../db';
import { fromLondon, toLondon } from '../time/working-days';

export type SessionRow = typeof t.supportSession.$inferSelect;
export type AttendeeRow = typeof t.supportSessionAttendee.$inferSelect;

/**
 * Cases that can be put in a session: accepted, being assessed or in the programme (DOMAIN.md §3
 * steps 5–6). Adding one does not move its state: the assessment moves it into the programme.
 */
export const SESSION_READY_STATES: readonly string[] = ['accepted', 'in_assessment', 'in_programme'];

/** A session of the actor's service, when the actor is one of its youth workers; otherwise null. */
export async function sessionOfService(q: Queryable, actor: Actor, sessionId: string): Promise<SessionRow | null> {
	if (actor.role !== 'youth_worker') return null;
	const [row] = await q
		.select()
		.from(t.supportSession)
		.where(and(eq(t.supportSession.id, sessionId), eq(t.supportSession.serviceId, actor.serviceId)));
	return row ?? null;
}

/** The instant a London wall-clock date and time names; GMT or BST as the date falls. */
export function startsAtOf(isoDate: string, time: string): Date {
	const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
	const [hour, minute] = time.split(':').map(Number) as [number, number];
	return fromLondon({ year, month, day, hour, minute, second: 0, ms: 0 });
}

export function endsAtOf(row: Pick<SessionRow, 'startsAt' | 'durationMinutes'>): Date {
	return new Date(row.startsAt.getTime() + row.durationMinutes * 60_000);
}

/** The London wall-clock end time, "HH:MM". */
export function endTimeOf(row: Pick<SessionRow, 'startsAt' | 'durationMinutes'>): string {
	const end = toLondon(endsAtOf(row));
	return `${String(end.hour).padStart(2, '0')}:${String(end.minute).padStart(2, '0')}`;
}

/** Where a session is, as people outside the service see it: the place, or "Remote" (never the link). */
export function whereOf(row: Pick<SessionRow, 'mode' | 'place'>): string {
	return row.mode === 'remote' ? 'Remote' : (row.place ?? '');
}
