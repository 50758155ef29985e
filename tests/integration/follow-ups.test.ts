import { isHttpError, isRedirect, type ActionFailure } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/server/auth/actor';
import { loadAuthContext, type AuthContext } from '$lib/server/auth/context';
import { createSession } from '$lib/server/auth/session';
import { db, t } from '$lib/server/db';
import { runFollowUps } from '$lib/server/follow-ups/job';
import { followUpsToRecord, serviceFollowUps } from '$lib/server/follow-ups/lists';
import { FOLLOW_UP_CHASE_SUBJECT, FOLLOW_UP_DUE_SUBJECT } from '$lib/server/follow-ups/notify';
import { addProviderPolice, recordFollowUp } from '$lib/server/follow-ups/record';
import { followUpsFor } from '$lib/server/follow-ups/view';
import { createMailTransport, readMailConfig, type MailTransport } from '$lib/server/outbox/transport';
import { runWorkerOnce } from '$lib/server/outbox/worker';
import { setSettings } from '$lib/server/settings/settings';
import { newId } from '$lib/server/util/ids';
import type { FollowUpFormInput } from '$lib/schemas/follow-up';
import { actions, load } from '../../src/routes/(app)/referrals/[id]/follow-up/[months]/+page.server';
import { acceptedCase, caseRow } from '../helpers/case';
import { useTestDatabase } from '../helpers/database';
import { fakeEvent } from '../helpers/event';
import { recipients, startSmtp } from '../helpers/smtp';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let transport: MailTransport;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	smtp = await startSmtp();
	transport = createMailTransport(readMailConfig({ SMTP_URL: smtp.url }));
	const admin = world.services[1].actors.provider_admin;
	const saved = await setSettings(admin, [{ key: 'followUp', value: { twelveMonths: true, notReturnedWorkingDays: 30 }, expectedVersion: 0 }]);
	if (!saved.ok) throw new Error('could not ask for 12-month follow-ups');
});
afterAll(async () => {
	transport.close();
	await smtp.close();
	await close();
});

const PUPIL_DETAILS = /Testy|Pupilson|cannabis|Science block|Test School|2012/;
const OUTCOME_ON = '2026-03-31';
const MINUTE = 60_000;
type Outcome = 'completed' | 'partially_completed' | 'did_not_engage' | 'withdrawn';

/**
 * A case with its outcome recorded, made the cheap way: accepted through the real triage code, then
 * the outcome row and state written directly (the outcome page is another issue's).
 */
async function caseWithOutcome(outcome: Outcome, service: 0 | 1 = 0, school: 0 | 1 = 0): Promise<string> {
	const s = world.services[service];
	const id = await acceptedCase(s.schools[school].actors.dsl, s.actors.youth_worker);
	const row = await caseRow(id);
	await db().insert(t.caseOutcome).values({ id: newId(), referralId: id, serviceId: row.serviceId, schoolId: row.schoolId, proposed: outcome, outcome, outcomeOn: OUTCOME_ON, recordedAt: new Date(), recordedBy: s.actors.youth_worker.userId });
	await db().update(t.referral).set({ state: outcome, version: row.version + 1 }).where(eq(t.referral.id, id));
	return id;
}

const followUps = (id: string) => db().select().from(t.followUp).where(eq(t.followUp.referralId, id)).orderBy(t.followUp.months);
async function followUp(id: string, months = 6) {
	const [row] = await db().select().from(t.followUp).where(and(eq(t.followUp.referralId, id), eq(t.followUp.months, months)));
	if (!row) throw new Error('no follow-up');
	return row;
}
const after = (at: Date | null, minutes = 1) => new Date((at?.getTime() ?? 0) + minutes * MINUTE);
const audits = async (recordId: string) => (await db().select({ action: t.auditEvent.action }).from(t.auditEvent).where(eq(t.auditEvent.recordId, recordId))).map((a) => a.action);
/** Runs the outbox worker until nothing due is left: every case's prompts are sent, not only this one's. */
async function sendMail(now: Date) {
	while ((await runWorkerOnce(db(), { owner: 'test', transport, now, batch: 50 })).claimed > 0);
}
const mailsFor = (id: string, subject: string) => smtp.received.filter((m) => m.subject === subject && (m.text ?? '').includes(`/referrals/${id}/follow-up/`));

/** A case whose 6-month follow-up has fallen due and been prompted. */
async function dueCase(outcome: Outcome = 'completed', service: 0 | 1 = 0, school: 0 | 1 = 0): Promise<string> {
	const id = await caseWithOutcome(outcome, service, school);
	await runFollowUps(db(), new Date(`${OUTCOME_ON}T12:00:00Z`));
	await runFollowUps(db(), after((await followUp(id)).dueAt));
	return id;
}

const answers: FollowUpFormInput = {
	version: 1,
	furtherDrugIncident: 'no',
	suspension: 'yes',
	suspensionDrugRelated: 'no',
	exclusion: 'no',
	exclusionDrugRelated: 'yes',
	policeContact: 'not_known',
	onwardTakeUp: 'yes',
	note: 'Settled back into lessons',
	providerPoliceContact: '',
	providerPoliceNote: ''
};

describe('scheduling follow-ups', () => {
	it('gives a completed, partially completed or did-not-engage case one 6-month follow-up, and a withdrawn case none', async () => {
		const ids = await Promise.all((['completed', 'partially_completed', 'did_not_engage', 'withdrawn'] as const).map((o) => caseWithOutcome(o)));
		await runFollowUps(db(), new Date(`${OUTCOME_ON}T12:00:00Z`));
		await runFollowUps(db(), new Date(`${OUTCOME_ON}T12:00:00Z`));
		const [completed, partial, notEngaged, withdrawn] = await Promise.all(ids.map(followUps));
		for (const rows of [completed, partial, notEngaged]) expect(rows?.map((r) => [r.months, r.dueOn])).toEqual([[6, '2026-09-30']]);
		expect(withdrawn).toEqual([]);
		expect(await audits(ids[0] as string)).toContain('follow-up.scheduled');
	});

	it('adds a 12-month follow-up when the service asks for one', async () => {
		const id = await caseWithOutcome('completed', 1);
		await runFollowUps(db(), new Date(`${OUTCOME_ON}T12:00:00Z`));
		expect((await followUps(id)).map((r) => [r.months, r.dueOn])).toEqual([
			[6, '2026-09-30'],
			[12, '2027-03-31']
		]);
	});

	it('leaves the case in its outcome state until the follow-up falls due', async () => {
		const id = await caseWithOutcome('completed');
		await runFollowUps(db(), new Date(`${OUTCOME_ON}T12:00:00Z`));
		await runFollowUps(db(), new Date((await followUp(id)).dueAt.getTime() - MINUTE));
		expect((await caseRow(id)).state).toBe('completed');
		expect((await followUp(id)).promptedAt).toBeNull();
	});
});

describe('prompting, chasing and closing', () => {
	it('moves a case to follow-up due and emails the school’s safeguarding leads once, with no pupil details', async () => {
		const id = await dueCase();
		const row = await followUp(id);
		expect((await caseRow(id)).state).toBe('follow_up_due');
		expect(row.promptedAt).not.toBeNull();
		await sendMail(after(row.dueAt, 2));
		const prompts = mailsFor(id, FOLLOW_UP_DUE_SUBJECT);
		expect(prompts.map(recipients).sort()).toEqual(['deputy_dsl.1.1@test.example', 'dsl.1.1@test.example']);
		for (const mail of prompts) {
			expect(mail.text).toContain('A follow-up is due for a pupil you referred; sign in to record it');
			expect(`${mail.subject} ${mail.text}`).not.toMatch(PUPIL_DETAILS);
		}
		expect(smtp.received.filter((m) => m.subject === 'A referral from your school has been updated' && (m.text ?? '').includes(id))).toEqual([]);
		expect(await audits(id)).toContain('referral.follow-up-due');
		expect(await audits(row.id)).toContain('follow-up.prompted');
	});

	it('chases once after 10 working days, even when the job runs twice', async () => {
		const id = await dueCase();
		const row = await followUp(id);
		await runFollowUps(db(), after(row.chaseAt, -1));
		expect((await followUp(id)).chasedAt).toBeNull();
		await runFollowUps(db(), after(row.chaseAt));
		await runFollowUps(db(), after(row.chaseAt, 2));
		await sendMail(after(row.chaseAt, 3));
		expect(mailsFor(id, FOLLOW_UP_CHASE_SUBJECT).map(recipients).sort()).toEqual(['deputy_dsl.1.1@test.example', 'dsl.1.1@test.example']);
		expect(row.chaseAt?.toISOString()).toBe('2026-10-14T08:00:00.000Z');
		expect(await audits(row.id)).toEqual(expect.arrayContaining(['follow-up.prompted', 'follow-up.chased']));
	});

	it('closes an unanswered follow-up as not returned after the set period, and closes the case', async () => {
		const id = await dueCase('did_not_engage');
		const row = await followUp(id);
		expect(row.closeAt?.toISOString()).toBe('2026-11-11T09:00:00.000Z');
		await runFollowUps(db(), after(row.closeAt, -1));
		expect((await caseRow(id)).state).toBe('follow_up_due');
		await runFollowUps(db(), after(row.closeAt));
		expect((await followUp(id)).notReturnedAt).not.toBeNull();
		expect((await caseRow(id)).state).toBe('closed');
		expect(await audits(id)).toContain('referral.follow-up-not-returned');
		expect(await audits(row.id)).toContain('follow-up.not-returned');
	});
});

describe('recording a follow-up', () => {
	it('closes the case when the school’s safeguarding lead records the last follow-up', async () => {
		const id = await dueCase();
		const dsl = world.services[0].schools[0].actors.dsl;
		expect(await recordFollowUp(dsl, id, 6, { ...answers, suspension: 'no', suspensionDrugRelated: 'yes' })).toEqual({ ok: true, mode: 'school' });
		const row = await followUp(id);
		expect([row.suspension, row.suspensionDrugRelated, row.exclusionDrugRelated, row.policeContact, row.recordedByRole]).toEqual(['no', null, null, 'not_known', 'dsl']);
		expect((await caseRow(id)).state).toBe('closed');
		expect(await audits(id)).toContain('referral.record-follow-up');
		expect(await audits(row.id)).toContain('follow-up.recorded');
		await runFollowUps(db(), after(row.closeAt));
		expect((await followUp(id)).notReturnedAt).toBeNull();
	});

	it('refuses a second recording once the follow-up is recorded', async () => {
		const id = await dueCase();
		const school = world.services[0].schools[0].actors;
		expect((await recordFollowUp(school.deputy_dsl, id, 6, answers)).ok).toBe(true);
		expect(await recordFollowUp(school.dsl, id, 6, answers)).toEqual({ ok: false, problem: 'not-open' });
	});

	it('shows another school’s safeguarding lead nothing: not found', async () => {
		const id = await dueCase();
		const other = world.services[0].schools[1].actors.dsl;
		expect(await recordFollowUp(other, id, 6, answers)).toEqual({ ok: false, problem: 'not-found' });
		expect(await followUpsFor(other, id)).toBeNull();
		expect(await followUpsToRecord(other)).not.toContainEqual(expect.objectContaining({ referralId: id }));
	});

	it('keeps police contact the provider was told of from the school', async () => {
		const id = await dueCase();
		const yw = world.services[0].actors.youth_worker;
		expect(await recordFollowUp(yw, id, 6, { ...answers, providerPoliceContact: 'yes', providerPoliceNote: 'Stopped and searched' })).toEqual({ ok: true, mode: 'service' });
		expect((await caseRow(id)).state).toBe('closed');
		const schoolView = JSON.stringify(await followUpsFor(world.services[0].schools[0].actors.dsl, id));
		expect(schoolView).toContain('Settled back into lessons');
		expect(schoolView).not.toContain('Stopped and searched');
		expect(JSON.stringify(await followUpsFor(yw, id))).toContain('Stopped and searched');
		expect(await addProviderPolice(yw, id, 6, { ...answers, version: 2, providerPoliceContact: 'yes', providerPoliceNote: 'Arrested later' })).toEqual({ ok: true, mode: 'provider-police' });
		expect((await followUp(id)).providerPoliceNote).toBe('Arrested later');
	});

	it('returns a case with a 12-month follow-up to its outcome state, then closes it when the 12-month one is recorded', async () => {
		const id = await dueCase('partially_completed', 1);
		const dsl = world.services[1].schools[0].actors.dsl;
		expect((await recordFollowUp(dsl, id, 6, answers)).ok).toBe(true);
		expect((await caseRow(id)).state).toBe('partially_completed');
		expect(await recordFollowUp(dsl, id, 12, answers)).toEqual({ ok: false, problem: 'not-open' });
		await runFollowUps(db(), after((await followUp(id, 12)).dueAt));
		expect((await caseRow(id)).state).toBe('follow_up_due');
		expect((await recordFollowUp(dsl, id, 12, answers)).ok).toBe(true);
		expect((await caseRow(id)).state).toBe('closed');
	});
});

describe('lists', () => {
	it('lists the school’s due follow-ups on its home page, and the service’s due, chased and not returned ones for the provider', async () => {
		const id = await dueCase();
		const school = world.services[0].schools[0].actors.dsl;
		expect(await followUpsToRecord(school)).toContainEqual(expect.objectContaining({ referralId: id, months: 6, chased: false }));
		const yw = world.services[0].actors.youth_worker;
		const due = await serviceFollowUps(yw, { status: 'due', schoolId: null, after: null });
		expect(due.rows.map((r) => r.referralId)).toContain(id);
		const notReturned = await serviceFollowUps(yw, { status: 'not_returned', schoolId: null, after: null });
		expect(notReturned.rows.map((r) => r.referralId)).not.toContain(id);
		const otherService = await serviceFollowUps(world.services[1].actors.youth_worker, { status: '', schoolId: null, after: null });
		expect(otherService.rows.map((r) => r.referralId)).not.toContain(id);
	});
});

async function signIn(actor: Actor): Promise<AuthContext> {
	await db().update(t.user).set({ totpKey: Buffer.alloc(20), totpEnrolledAt: new Date() }).where(eq(t.user.id, actor.userId));
	const { session } = await createSession(db(), actor.userId, { address: '127.0.0.1', userAgent: 'test', mfaVerifiedAt: new Date() });
	const context = await loadAuthContext(db(), session);
	if (!context) throw new Error('no auth context');
	return context;
}

interface Form {
	data: Record<string, unknown>;
	errors: Record<string, unknown>;
}

/** Posts the follow-up form as a browser without JavaScript would. */
async function post(as: AuthContext, id: string, form: Record<string, string>) {
	const path = `/referrals/${id}/follow-up/6`;
	const event = fakeEvent({ path, method: 'POST', auth: as, form });
	const action = actions.default;
	if (!action) throw new Error('no default action');
	try {
		const result = (await action({ ...event, params: { id, months: '6' } } as never)) as ActionFailure<{ form: Form }>;
		return { status: result.status, form: result.data.form };
	} catch (e) {
		if (isRedirect(e)) return { status: e.status, location: e.location };
		if (isHttpError(e)) return { status: e.status };
		throw e;
	}
}

const strings = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v ?? '')]));

describe('the follow-up page', () => {
	it('answers another school’s safeguarding lead with not found', async () => {
		const id = await dueCase();
		const event = fakeEvent({ path: `/referrals/${id}/follow-up/6`, auth: await signIn(world.services[0].schools[1].actors.dsl) });
		await expect(load({ ...event, params: { id, months: '6' } } as never)).rejects.toMatchObject({ status: 404 });
	});

	it('puts each missing answer at its question, keeps what was typed, then records and returns to the case', async () => {
		const id = await dueCase();
		const as = await signIn(world.services[0].schools[0].actors.dsl);
		const missing = await post(as, id, strings({ ...answers, suspensionDrugRelated: '', onwardTakeUp: '' }));
		expect(missing.status).toBe(400);
		expect(missing.form?.errors).toMatchObject({ suspensionDrugRelated: ['Select whether the suspension was drug-related'], onwardTakeUp: ['Select whether the pupil took up the onward services'] });
		expect(missing.form?.data.note).toBe('Settled back into lessons');
		expect((await caseRow(id)).state).toBe('follow_up_due');
		expect(await post(as, id, strings(answers))).toEqual({ status: 303, location: `/referrals/${id}?saved=follow-up#follow-ups` });
		expect((await caseRow(id)).state).toBe('closed');
	});

	it('refuses a stale version with the other person’s answers', async () => {
		const id = await dueCase();
		const as = await signIn(world.services[0].actors.youth_worker);
		const stale = await post(as, id, strings({ ...answers, version: 0, providerPoliceContact: 'no' }));
		expect(stale.status).toBe(400);
		const row = await followUp(id);
		const result = await post(as, id, strings({ ...answers, version: row.version + 1, providerPoliceContact: 'no' }));
		expect(result.status).toBe(409);
		expect(result.form?.data.version).toBe(row.version);
	});
});
