import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '$lib/server/auth/actor';
import { db, t } from '$lib/server/db';
import { sessionSchema, type SessionInput } from '$lib/schemas/support-session';
import { viewCase } from '$lib/server/referrals/case-view';
import { insertUser } from '$lib/server/tenancy/provision';
import { currentModuleSet, saveModuleSet } from '$lib/server/settings/modules';
import { countersignDecision } from '$lib/server/triage/countersign';
import { decideTriage } from '$lib/server/triage/triage';
import { addAttendee, removeAttendee } from '$lib/server/support-sessions/attendees';
import { sessionCalendar } from '$lib/server/support-sessions/calendar';
import { sessionsOfCase } from '$lib/server/support-sessions/case-sessions';
import { listSessions, upcomingForSchool } from '$lib/server/support-sessions/lists';
import { takeRegister, type RegisterEntry } from '$lib/server/support-sessions/register';
import { decideReview } from '$lib/server/support-sessions/reviews';
import { cancelSession, editSession, scheduleSession } from '$lib/server/support-sessions/schedule';
import { sessionDetail } from '$lib/server/support-sessions/view';
import { moduleOptions } from '$lib/server/support-sessions/modules';
import { acceptedCase, caseRow, noConcerns, submittedCase } from '../helpers/case';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
let caseA: string;
let caseB: string;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	caseA = await acceptedCase(dslA(), yw(), { pupil: { legalForename: 'Ariadne', legalSurname: 'Oakley' } });
	caseB = await acceptedCase(dslB(), yw(), { pupil: { legalForename: 'Bartholomew', legalSurname: 'Rivers' } });
});
afterAll(() => close());

const yw = () => world.services[0].actors.youth_worker;
const dslA = () => world.services[0].schools[0].actors.dsl;
const dslB = () => world.services[0].schools[1].actors.dsl;
const otherServiceYw = () => world.services[1].actors.youth_worker;
const admin = () => world.services[0].actors.provider_admin;

function input(overrides: Partial<SessionInput> = {}): SessionInput {
	return sessionSchema.parse({
		kind: 'group',
		dateDay: '30',
		dateMonth: '11',
		dateYear: '2099',
		startTime: '10:00',
		durationMinutes: '90',
		mode: 'in_person',
		place: 'Northmoor Youth Centre',
		facilitatorId: yw().userId,
		...overrides
	});
}

async function scheduled(overrides: Partial<SessionInput> = {}, actor: Actor = yw()): Promise<string> {
	const result = await scheduleSession(actor, input(overrides));
	if (!result.ok) throw new Error(`could not schedule: ${JSON.stringify(result)}`);
	return result.id;
}

async function register(sessionId: string, marks: Record<string, string>, note = ''): Promise<ReturnType<typeof takeRegister>> {
	const rows = await db().select().from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.sessionId, sessionId));
	const entries: RegisterEntry[] = rows.map((r) => ({ attendeeId: r.id, version: r.version, attendance: marks[r.referralId] ?? 'present', note }));
	return takeRegister(yw(), sessionId, entries);
}

async function sessionWith(referralIds: string[], overrides: Partial<SessionInput> = {}): Promise<string> {
	const id = await scheduled(overrides);
	for (const referralId of referralIds) expect(await addAttendee(yw(), id, referralId)).toEqual({ ok: true });
	return id;
}

const auditRows = (action: string, recordId?: string) =>
	db()
		.select()
		.from(t.auditEvent)
		.where(and(eq(t.auditEvent.action, action), ...(recordId ? [eq(t.auditEvent.recordId, recordId)] : [])));

describe('scheduling', () => {
	it('schedules a session with its time as London wall clock, its modules and an audit row', async () => {
		const set = await db().select().from(t.programmeModule);
		const title = set[0]?.title ?? '';
		const id = await scheduled({ modules: [title] });
		const [row] = await db().select().from(t.supportSession).where(eq(t.supportSession.id, id));
		expect(row).toMatchObject({ serviceId: yw().serviceId, kind: 'group', date: '2099-11-30', startTime: '10:00', durationMinutes: 90, mode: 'in_person', place: 'Northmoor Youth Centre', link: null });
		expect(row?.startsAt.toISOString()).toBe('2099-11-30T10:00:00.000Z');
		expect((await db().select().from(t.supportSessionModule).where(eq(t.supportSessionModule.sessionId, id))).length).toBe(1);
		expect(await auditRows('support-session.scheduled', id)).toHaveLength(1);
	});

	it('reads a summer time as BST and a winter time as GMT, either side of the clock change', async () => {
		const before = await scheduled({ dateDay: '24', dateMonth: '10', dateYear: '2026', startTime: '09:30' });
		const after = await scheduled({ dateDay: '26', dateMonth: '10', dateYear: '2026', startTime: '09:30' });
		const spring = await scheduled({ dateDay: '30', dateMonth: '3', dateYear: '2026', startTime: '09:30' });
		const startsAt = async (id: string) => (await db().select().from(t.supportSession).where(eq(t.supportSession.id, id)))[0]?.startsAt.toISOString();
		expect(await startsAt(before)).toBe('2026-10-24T08:30:00.000Z');
		expect(await startsAt(after)).toBe('2026-10-26T09:30:00.000Z');
		expect(await startsAt(spring)).toBe('2026-03-30T08:30:00.000Z');
	});

	it('refuses a remote session without an https link, and an in-person one without a place', () => {
		const problems = (o: Record<string, string>) => sessionSchema.safeParse({ ...input(), ...o }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
		expect(problems({ mode: 'remote', link: 'http://meet.example.org/abc' })).toEqual(['link: Enter a link that starts with https://']);
		expect(problems({ mode: 'remote', link: 'javascript:alert(1)' })).toEqual(['link: Enter a link that starts with https://']);
		expect(problems({ mode: 'remote', link: 'https://meet.example.org/abc' })).toEqual([]);
		expect(problems({ mode: 'in_person', place: '' })).toEqual(['place: Enter where the session takes place']);
		expect(problems({ startTime: '25:00', durationMinutes: '5', dateDay: '31', dateMonth: '2' })).toHaveLength(3);
	});

	it('refuses a facilitator who is not a youth worker of the service, and modules not on offer', async () => {
		expect(await scheduleSession(yw(), input({ facilitatorId: otherServiceYw().userId }))).toMatchObject({ ok: false, field: 'facilitatorId' });
		expect(await scheduleSession(yw(), input({ facilitatorId: admin().userId }))).toMatchObject({ ok: false, field: 'facilitatorId' });
		expect(await scheduleSession(yw(), input({ modules: ['Knitting'] }))).toMatchObject({ ok: false, field: 'modules' });
	});

	it('refuses a stale edit and keeps the other change', async () => {
		const id = await scheduled();
		expect(await editSession(yw(), id, input({ version: 1, place: 'Room 2' }))).toEqual({ ok: true, id });
		expect(await editSession(yw(), id, input({ version: 1, place: 'Room 3' }))).toEqual({ ok: false, problem: 'stale' });
		expect((await db().select().from(t.supportSession).where(eq(t.supportSession.id, id)))[0]?.place).toBe('Room 2');
	});

	it('cancels with a reason, after which the session cannot change', async () => {
		const id = await scheduled();
		expect(await cancelSession(yw(), id, { version: 1, reason: 'Centre closed' })).toEqual({ ok: true, id });
		expect(await editSession(yw(), id, input({ version: 2 }))).toEqual({ ok: false, problem: 'cancelled' });
		expect(await addAttendee(yw(), id, caseA)).toEqual({ ok: false, problem: 'cancelled' });
	});

	it('gives a youth worker of another service not-found for everything', async () => {
		const id = await sessionWith([caseA]);
		expect(await sessionDetail(otherServiceYw(), id)).toBeNull();
		expect(await editSession(otherServiceYw(), id, input({ version: 1 }))).toEqual({ ok: false, problem: 'not-found' });
		expect(await cancelSession(otherServiceYw(), id, { version: 1, reason: 'x' })).toMatchObject({ ok: false, problem: 'not-found' });
		expect(await addAttendee(otherServiceYw(), id, caseA)).toEqual({ ok: false, problem: 'not-found' });
		expect(await sessionCalendar(otherServiceYw(), id)).toBeNull();
		expect(await takeRegister(otherServiceYw(), id, [])).toEqual({ ok: false, problem: 'not-found' });
		expect((await listSessions(otherServiceYw(), { when: 'upcoming', mine: false, after: null })).rows.map((r) => r.id)).not.toContain(id);
	});
});

describe('who can be in a session', () => {
	it('adds only cases of the same service that are accepted, in assessment or in the programme, without changing their state', async () => {
		const id = await scheduled();
		const submitted = await submittedCase(dslA());
		expect(await addAttendee(yw(), id, submitted)).toEqual({ ok: false, problem: 'not-ready' });
		const otherService = await acceptedCase(world.services[1].schools[0].actors.dsl, otherServiceYw());
		expect(await addAttendee(yw(), id, otherService)).toEqual({ ok: false, problem: 'not-found' });
		expect(await addAttendee(yw(), id, caseA)).toEqual({ ok: true });
		expect(await addAttendee(yw(), id, caseA)).toEqual({ ok: false, problem: 'already' });
		expect((await caseRow(caseA)).state).toBe('accepted');
		const [row] = await db().select().from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.sessionId, id));
		expect(row?.schoolId).toBe(dslA().schoolId);
		expect(await auditRows('support-session.attendee-added', row?.id)).toMatchObject([{ schoolId: dslA().schoolId }]);
	});

	it('holds exactly one young person in a 1:1 session', async () => {
		const id = await scheduled({ kind: 'one_to_one' });
		expect(await addAttendee(yw(), id, caseA)).toEqual({ ok: true });
		expect(await addAttendee(yw(), id, caseB)).toEqual({ ok: false, problem: 'full' });
		const group = await sessionWith([caseA, caseB]);
		expect(await editSession(yw(), group, input({ version: 1, kind: 'one_to_one' }))).toMatchObject({ ok: false, field: 'kind' });
	});

	it('removes a young person only until their attendance is recorded', async () => {
		const id = await sessionWith([caseA, caseB]);
		const rows = await db().select().from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.sessionId, id));
		const b = rows.find((r) => r.referralId === caseB);
		expect(await removeAttendee(yw(), id, b?.id ?? '')).toEqual({ ok: true });
		expect(await register(id, { [caseA]: 'present' })).toMatchObject({ ok: true });
		const a = rows.find((r) => r.referralId === caseA);
		expect(await removeAttendee(yw(), id, a?.id ?? '')).toEqual({ ok: false, problem: 'recorded' });
	});
});

describe('a group across two schools', () => {
	it('shows a DSL of school A only their own pupil, in every view and download', async () => {
		const id = await sessionWith([caseA, caseB], { mode: 'remote', place: '', link: 'https://meet.example.org/divert-123' });
		const upcomingA = await upcomingForSchool(dslA());
		expect(upcomingA.filter((r) => r.sessionId === id)).toEqual([expect.objectContaining({ referralId: caseA, displayName: 'Ariadne Oakley', where: 'Remote', startTime: '10:00' })]);
		expect(JSON.stringify(upcomingA)).not.toContain('Bartholomew');
		expect(JSON.stringify(upcomingA)).not.toContain('meet.example.org');
		const panel = await sessionsOfCase(dslA(), caseA, true);
		expect(JSON.stringify(panel)).not.toContain('Bartholomew');
		expect(panel?.sessions.find((s) => s.id === id)).toMatchObject({ where: 'Remote', link: null });
		// A DSL cannot read another school's case's sessions by asking for it.
		expect((await sessionsOfCase(dslA(), caseB, true))?.sessions).toEqual([]);
		const ics = await sessionCalendar(dslA(), id);
		expect(ics).toContain('LOCATION:Remote');
		for (const forbidden of ['Ariadne', 'Oakley', 'Bartholomew', 'Rivers', 'meet.example.org']) expect(ics).not.toContain(forbidden);
		const youthWorkerIcs = await sessionCalendar(yw(), id);
		expect(youthWorkerIcs).toContain('meet.example.org');
		expect(youthWorkerIcs).not.toContain('Ariadne');
	});

	it('refuses a DSL the calendar of a session that holds none of their pupils', async () => {
		const id = await sessionWith([caseB]);
		expect(await sessionCalendar(dslA(), id)).toBeNull();
		expect(await sessionCalendar(dslB(), id)).toContain('BEGIN:VEVENT');
	});

	it('shows the youth worker the whole register with each pupil’s school, auditing each row read with its school', async () => {
		const id = await sessionWith([caseA, caseB]);
		const detail = await sessionDetail(yw(), id);
		expect(detail?.register.map((r) => r.displayName).sort()).toEqual(['Ariadne Oakley', 'Bartholomew Rivers']);
		const reads = await db().select().from(t.auditEvent).where(eq(t.auditEvent.action, 'support-session.register-viewed'));
		const forSession = reads.filter((r) => (r.detail ?? '').includes(id));
		expect(forSession.map((r) => r.schoolId).sort()).toEqual([dslA().schoolId, dslB().schoolId].sort());
	});
});

describe('the register', () => {
	it('records each mark with an audit row carrying the row’s school and a chronology entry', async () => {
		const id = await sessionWith([caseA, caseB]);
		expect(await register(id, { [caseA]: 'late', [caseB]: 'present' }, 'Arrived ten minutes late')).toEqual({ ok: true, reviewsRaised: 0 });
		const rows = await db().select().from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.sessionId, id));
		expect(rows.find((r) => r.referralId === caseA)).toMatchObject({ attendance: 'late', version: 2, recordedBy: yw().userId });
		for (const row of rows) expect(await auditRows('support-session.attendance-recorded', row.id)).toMatchObject([{ schoolId: row.schoolId }]);
		const view = await viewCase(yw(), caseA);
		expect(view?.chronology.map((e) => e.what)).toContain('Session attendance recorded: Late');
	});

	it('needs a mark for every young person', async () => {
		const id = await sessionWith([caseA]);
		const [row] = await db().select().from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.sessionId, id));
		const result = await takeRegister(yw(), id, [{ attendeeId: row?.id ?? '', version: 1, attendance: '', note: '' }]);
		expect(result).toEqual({ ok: false, problem: 'invalid', errors: { [`attendance-${row?.id}`]: 'Select whether Ariadne Oakley was present, late, absent or excused' } });
	});

	it('refuses a register taken from a stale form and keeps the other marks', async () => {
		const id = await sessionWith([caseA]);
		const [row] = await db().select().from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.sessionId, id));
		const entry = { attendeeId: row?.id ?? '', version: 1, attendance: 'present', note: '' };
		expect(await takeRegister(yw(), id, [entry])).toMatchObject({ ok: true });
		expect(await takeRegister(yw(), id, [{ ...entry, attendance: "absent" }])).toEqual({ ok: false, problem: 'stale' });
		expect((await db().select().from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.id, entry.attendeeId)))[0]?.attendance).toBe('present');
	});

	it('shows the school attendance only with consent to share progress, and upcoming sessions always', async () => {
		const noConsent = await acceptedCase(dslA(), yw(), {
			pupil: { legalForename: 'Cressida', legalSurname: 'Quiet' },
			consent: { shareProgress: 'no', shareProgressBy: '', shareProgressMethod: '', shareProgressDay: '', shareProgressMonth: '', shareProgressYear: '' }
		});
		const past = await sessionWith([noConsent], { dateYear: '2020' });
		const future = await sessionWith([noConsent]);
		expect(await register(past, { [noConsent]: 'absent' })).toMatchObject({ ok: true });
		const schoolView = await viewCase(dslA(), noConsent);
		expect(schoolView?.progressShared).toBe(false);
		const panel = await sessionsOfCase(dslA(), noConsent, false);
		expect(panel?.sessions.map((s) => s.id)).toEqual([future]);
		expect(panel?.sessions[0]?.attendance).toBeNull();
		expect(schoolView?.chronology.map((e) => e.what).join()).not.toContain('attendance');
		const sharedPanel = await sessionsOfCase(dslA(), caseA, true);
		expect(sharedPanel?.sessions.some((s) => s.attendance !== null)).toBe(true);
		expect(past).not.toBe(future);
	});
});

describe('reviews after missed sessions', () => {
	async function freshCase(name: string): Promise<string> {
		return acceptedCase(dslA(), yw(), { pupil: { legalForename: name, legalSurname: 'Reviewson' } });
	}
	const openReviews = async (referralId: string) => (await db().select().from(t.caseReview).where(eq(t.caseReview.referralId, referralId))).filter((r) => !r.decidedAt);

	it('raises one review and flags the case when two sessions are marked absent', async () => {
		const id = await freshCase('Absentia');
		const first = await sessionWith([id]);
		expect(await register(first, { [id]: 'absent' })).toEqual({ ok: true, reviewsRaised: 0 });
		expect((await caseRow(id)).reviewFlag).toBe(false);
		const second = await sessionWith([id]);
		expect(await register(second, { [id]: 'absent' })).toEqual({ ok: true, reviewsRaised: 1 });
		const third = await sessionWith([id]);
		expect(await register(third, { [id]: 'absent' })).toEqual({ ok: true, reviewsRaised: 0 });
		expect(await openReviews(id)).toMatchObject([{ reason: 'absences' }]);
		expect((await caseRow(id)).reviewFlag).toBe(true);
	});

	it('does not count excused absences', async () => {
		const id = await freshCase('Excusa');
		for (const mark of ['excused', 'excused', 'absent']) expect(await register(await sessionWith([id]), { [id]: mark })).toEqual({ ok: true, reviewsRaised: 0 });
		expect(await openReviews(id)).toEqual([]);
		expect((await caseRow(id)).reviewFlag).toBe(false);
	});

	it('clears the flag when the review is decided and nothing else is open', async () => {
		const id = await freshCase('Decida');
		for (let i = 0; i < 2; i++) await register(await sessionWith([id]), { [id]: 'absent' });
		const [review] = await openReviews(id);
		expect(await decideReview(yw(), id, review?.id ?? '', { decision: 'continue', note: 'Spoke to them; transport problem sorted' })).toEqual({ ok: true });
		expect((await caseRow(id)).reviewFlag).toBe(false);
		expect(await decideReview(yw(), id, review?.id ?? '', { decision: 'continue', note: 'again' })).toEqual({ ok: false, problem: 'decided' });
		expect(await decideReview(otherServiceYw(), id, review?.id ?? '', { decision: 'continue', note: 'x' })).toEqual({ ok: false, problem: 'not-found' });
		expect(await auditRows('review.decided', review?.id)).toHaveLength(1);
		expect((await caseRow(id)).state).toBe('accepted');
		// After "continue", two more absences raise a new review.
		for (let i = 0; i < 2; i++) await register(await sessionWith([id]), { [id]: 'absent' });
		expect(await openReviews(id)).toHaveLength(1);
	});

	it('keeps the flag while a countersignature is open, and the countersignature clears it when nothing else is open', async () => {
		const senior = await db().transaction((tx) =>
			insertUser(tx, { email: 'senior.sessions@test.example', displayName: 'Senior', role: 'youth_worker', serviceId: yw().serviceId, schoolId: null, senior: true })
		);
		const seniorActor: Actor = { ...yw(), userId: senior, senior: true, sessionId: 'test-session-senior' };
		const id = await submittedCase(dslA(), { pupil: { legalForename: 'Signa', legalSurname: 'Reviewson' } });
		const answers = noConcerns();
		answers.homeConcerns = { answer: 'yes', note: '' };
		const decided = await decideTriage(
			yw(),
			id,
			{ answers, levelOfNeed: 2, rag: 'amber', leadYouthWorkerId: yw().userId, decision: 'accept', holdReason: '', notSuitableReason: '', redirectedTo: '', escalations: { mash: { choice: 'decline', rationale: 'Known to social care already' } } },
			0
		);
		expect(decided.ok).toBe(true);
		expect((await caseRow(id)).reviewFlag).toBe(true);
		for (let i = 0; i < 2; i++) await register(await sessionWith([id]), { [id]: 'absent' });
		const [review] = await openReviews(id);
		expect(await decideReview(yw(), id, review?.id ?? '', { decision: 'one_to_one', note: 'Better one to one' })).toEqual({ ok: true });
		expect((await caseRow(id)).reviewFlag).toBe(true);
		const [countersign] = await db().select().from(t.countersign).where(eq(t.countersign.referralId, id));
		expect(await countersignDecision(seniorActor, countersign?.id ?? '', '')).toEqual({ ok: true });
		expect((await caseRow(id)).reviewFlag).toBe(false);
	});

	it('clears the flag on countersigning a case that has nothing else open', async () => {
		const id = await submittedCase(dslA());
		const answers = noConcerns();
		answers.homeConcerns = { answer: 'yes', note: '' };
		await decideTriage(yw(), id, { answers, levelOfNeed: 2, rag: 'amber', leadYouthWorkerId: yw().userId, decision: 'accept', holdReason: '', notSuitableReason: '', redirectedTo: '', escalations: { mash: { choice: 'decline', rationale: 'Known' } } }, 0);
		expect((await caseRow(id)).reviewFlag).toBe(true);
		const [countersign] = await db().select().from(t.countersign).where(eq(t.countersign.referralId, id));
		expect(await countersignDecision(admin(), countersign?.id ?? '', '')).toEqual({ ok: true });
		expect((await caseRow(id)).reviewFlag).toBe(false);
	});
});

describe('lists', () => {
	it('lists upcoming sessions soonest first, a page at a time, and only the actor’s own with "mine"', async () => {
		const first = await listSessions(yw(), { when: 'upcoming', mine: false, after: null });
		expect(first.rows.length).toBeGreaterThan(0);
		const keys = first.rows.map((r) => `${r.date} ${r.startTime}`);
		expect([...keys].sort()).toEqual(keys);
		if (first.next) {
			const second = await listSessions(yw(), { when: 'upcoming', mine: false, after: first.next });
			expect(second.rows.some((r) => first.rows.some((f) => f.id === r.id))).toBe(false);
		}
		expect((await listSessions(yw(), { when: 'upcoming', mine: true, after: null })).rows.length).toBeGreaterThan(0);
		expect(await auditRows('support-session.list')).not.toHaveLength(0);
	});
});

describe('modules across module sets', () => {
	it('offers modules by title across the attendees’ sets and stores each set’s module id for a covered title', async () => {
		const service = world.services[1];
		const worker = service.actors.youth_worker;
		const dsl = service.schools[0].actors.dsl;
		const before = await acceptedCase(dsl, worker);
		const oldSet = await currentModuleSet(db(), service.id);
		const [first, ...rest] = oldSet?.modules ?? [];
		const saved = await saveModuleSet(
			service.actors.provider_admin,
			[{ title: first?.title ?? '', core: true }, { title: 'Staying safe online', core: false }, ...rest.map((m) => ({ title: m.title, core: m.core }))],
			oldSet?.id ?? ''
		);
		expect(saved).toEqual({ ok: true });
		const after = await acceptedCase(dsl, worker);
		expect((await caseRow(before)).moduleSetId).not.toBe((await caseRow(after)).moduleSetId);
		const session = await scheduleSession(worker, input({ facilitatorId: worker.userId, modules: [first?.title ?? ''] }));
		if (!session.ok) throw new Error('not scheduled');
		expect(await addAttendee(worker, session.id, before)).toEqual({ ok: true });
		expect(await addAttendee(worker, session.id, after)).toEqual({ ok: true });
		const titles = (await moduleOptions(db(), service.id, session.id)).map((o) => o.value);
		expect(titles.filter((title) => title === first?.title)).toHaveLength(1);
		expect(titles).toContain('Staying safe online');
		const stored = (await db().select().from(t.supportSessionModule).where(eq(t.supportSessionModule.sessionId, session.id))).map((r) => r.moduleId).sort();
		const newSet = await currentModuleSet(db(), service.id);
		expect(stored).toEqual([first?.id ?? '', newSet?.modules[0]?.id ?? ''].sort());
	});
});

describe('the list of sessions', () => {
	it('pages through more sessions than fit on a page without repeating or skipping any', async () => {
		const service = world.services[1];
		const worker = service.actors.youth_worker;
		const made: string[] = [];
		for (let i = 0; i < 27; i++) {
			const result = await scheduleSession(worker, input({ facilitatorId: worker.userId, dateDay: String((i % 28) + 1), dateMonth: '1', dateYear: '2098', startTime: i % 2 ? '09:00' : '14:00' }));
			if (result.ok) made.push(result.id);
		}
		const first = await listSessions(worker, { when: 'upcoming', mine: false, after: null });
		expect(first.rows).toHaveLength(25);
		const second = await listSessions(worker, { when: 'upcoming', mine: false, after: first.next });
		const seen = [...first.rows, ...second.rows].map((r) => r.id);
		expect(new Set(seen).size).toBe(seen.length);
		for (const id of made) expect(seen).toContain(id);
		const keys = [...first.rows, ...second.rows].map((r) => `${r.date} ${r.startTime}`);
		expect([...keys].sort()).toEqual(keys);
	});
});
