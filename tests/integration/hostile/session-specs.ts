import { eq } from 'drizzle-orm';
import { cancelSessionSchema, sessionSchema } from '$lib/schemas/support-session';
import { db, t } from '$lib/server/db';
import { addAttendee } from '$lib/server/support-sessions/attendees';
import { scheduleSession } from '$lib/server/support-sessions/schedule';
import { actions as newSession } from '../../../src/routes/(app)/sessions/new/+page.server';
import { actions as editSession } from '../../../src/routes/(app)/sessions/[id]/edit/+page.server';
import { actions as cancelSession } from '../../../src/routes/(app)/sessions/[id]/cancel/+page.server';
import { actions as sessionPage } from '../../../src/routes/(app)/sessions/[id]/+page.server';
import { acceptedCase } from '../../helpers/case';
import { fieldsOf, type ActionSpec } from '../../helpers/hostile-run';
import type { HostileWorld } from '../../helpers/hostile-world';
import { dslActor, latest, ywActor } from './fixtures';

/** The programme's session forms: schedule, edit, cancel, add and remove young people, the register. */
export function sessionSpecs(w: () => HostileWorld): ActionSpec[] {
	const form = () => ({ version: '0', kind: 'group', dateDay: '30', dateMonth: '11', dateYear: '2099', startTime: '10:00', durationMinutes: '90', mode: 'in_person', place: 'Northmoor Youth Centre', link: '', facilitatorId: ywActor(w()).userId, forReferral: '' });
	const scheduled = async () => {
		const result = await scheduleSession(ywActor(w()), sessionSchema.parse({ ...form(), version: 0 }));
		if (!result.ok) throw new Error('not scheduled');
		return result.id;
	};
	let caseId: Promise<string> | null = null;
	const accepted = () => (caseId ??= acceptedCase(dslActor(w()), ywActor(w())));
	let edited: Promise<string> | null = null;
	let registered: Promise<{ sessionId: string; attendeeId: string }> | null = null;
	const register = () =>
		(registered ??= (async () => {
			const sessionId = await scheduled();
			if (!(await addAttendee(ywActor(w()), sessionId, await accepted())).ok) throw new Error('not added');
			const [row] = await db().select().from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.sessionId, sessionId));
			if (!row) throw new Error('no attendee');
			return { sessionId, attendeeId: row.id };
		})());
	const sessionRead = (id: string) => () => db().select().from(t.supportSession).where(eq(t.supportSession.id, id));
	return [
		{
			route: '(app)/sessions/new',
			action: 'default',
			handler: newSession.default,
			as: () => w().yw,
			fields: fieldsOf(sessionSchema),
			text: ['place'],
			target: async () => ({ path: '/sessions/new', params: {}, form: form(), read: () => latest(t.supportSession, eq(t.supportSession.serviceId, ywActor(w()).serviceId)) })
		},
		{
			route: '(app)/sessions/[id]/edit',
			action: 'default',
			handler: editSession.default,
			as: () => w().yw,
			fields: fieldsOf(sessionSchema),
			text: ['place'],
			target: async () => {
				const id = await (edited ??= scheduled());
				const [row] = await db().select().from(t.supportSession).where(eq(t.supportSession.id, id));
				return { path: `/sessions/${id}/edit`, params: { id }, form: { ...form(), version: String(row?.version ?? 0) }, read: sessionRead(id) };
			}
		},
		{
			route: '(app)/sessions/[id]/cancel',
			action: 'default',
			handler: cancelSession.default,
			as: () => w().yw,
			fields: fieldsOf(cancelSessionSchema),
			text: ['reason'],
			freshPerField: 20,
			target: async () => {
				const id = await scheduled();
				return { path: `/sessions/${id}/cancel`, params: { id }, form: { reason: 'Youth centre flooded', version: '1' }, read: sessionRead(id) };
			}
		},
		{
			route: '(app)/sessions/[id]',
			action: 'add',
			handler: sessionPage.add,
			as: () => w().yw,
			fields: { referralId: 40 },
			target: async () => {
				const id = await scheduled();
				return { path: `/sessions/${id}`, params: { id }, form: { referralId: await accepted() } };
			}
		},
		{
			route: '(app)/sessions/[id]',
			action: 'remove',
			handler: sessionPage.remove,
			as: () => w().yw,
			fields: { attendeeId: 40 },
			target: async () => {
				const id = await scheduled();
				if (!(await addAttendee(ywActor(w()), id, await accepted())).ok) throw new Error('not added');
				const [row] = await db().select().from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.sessionId, id));
				return { path: `/sessions/${id}`, params: { id }, form: { attendeeId: row?.id ?? '' } };
			}
		},
		{
			route: '(app)/sessions/[id]',
			action: 'register',
			handler: sessionPage.register,
			as: () => w().yw,
			// The register's names carry the row's id; the spec names them for the row it makes.
			fields: { attendee: 40, attendance: null, note: 500, version: null },
			text: ['note'],
			target: async () => {
				const { sessionId: id, attendeeId } = await register();
				const [row] = await db().select().from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.id, attendeeId));
				return {
					path: `/sessions/${id}`,
					params: { id },
					form: { attendee: attendeeId, attendance: 'present', note: '', version: String(row?.version ?? 1) },
					rename: { attendance: `attendance-${attendeeId}`, note: `note-${attendeeId}`, version: `version-${attendeeId}` },
					read: () => db().select().from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.id, attendeeId))
				};
			}
		}
	];
}
