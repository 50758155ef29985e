import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, t } from '$lib/server/db';
import { createEscalation, ESCALATION_STALE, updateEscalation, withdrawEscalation } from '$lib/server/escalations/escalations';
import { escalationsFor } from '$lib/server/escalations/view';
import { viewCase } from '$lib/server/referrals/case-view';
import { completeDraft } from '../helpers/referral';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';
import { decidedTriageRound, edit, escalationRow, eventsOf, made, submittedReferral, timersOf, when } from './escalation-fixtures';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

const NOW = new Date('2026-11-17T12:00:00Z');
const s1 = () => world.services[0];
const yw = () => s1().actors.youth_worker;
const dsl = () => s1().schools[0].actors.dsl;

async function created(result: Awaited<ReturnType<typeof createEscalation>>): Promise<string> {
	if (!result.ok) throw new Error(`not created: ${JSON.stringify(result)}`);
	return result.id;
}

async function auditRows(recordId: string) {
	return db().select().from(t.auditEvent).where(eq(t.auditEvent.recordId, recordId)).orderBy(t.auditEvent.id);
}

describe('recording an escalation', () => {
	it('records a youth worker’s MASH phone call with its chronology entry and audit row, and marks the case as child protection', async () => {
		const referralId = await submittedReferral(dsl());
		const id = await created(await createEscalation(yw(), referralId, made('mash', 'phone', '2026-11-17 10:00', { reference: 'MASH/123', note: 'Spoke to the duty social worker' }), NOW));
		const row = await escalationRow(id);
		expect(row).toMatchObject({ agency: 'mash', state: 'sent', method: 'phone', reference: 'MASH/123', lawfulBasis: 'safeguarding', createdBy: yw().userId, createdByRole: 'youth_worker', version: 1 });
		expect(row.sentAt?.toISOString()).toBe('2026-11-17T10:00:00.000Z');
		const [referral] = await db().select().from(t.referral).where(eq(t.referral.id, referralId));
		expect(referral?.childProtection).toBe(true);

		const events = (await eventsOf(referralId)).filter((e) => e.kind === 'escalation');
		expect(events.map((e) => [e.section, e.fromState, e.toState, e.reason, e.schoolVisible])).toEqual([
			['mash', null, 'sent', null, true],
			['mash', 'sent', 'sent', 'Spoke to the duty social worker', false]
		]);
		const audit = await auditRows(id);
		expect(audit.map((a) => [a.action, a.actorUserId, a.schoolId, a.detail])).toEqual([
			['escalation.created', yw().userId, s1().schools[0].id, JSON.stringify({ referralId, agency: 'mash', state: 'sent' })]
		]);
	});

	it('lets a DSL record a police escalation they made for their own pupil, marking child protection', async () => {
		const referralId = await submittedReferral(dsl());
		const id = await created(await createEscalation(dsl(), referralId, made('police', 'phone', '2026-11-17 09:15', { note: 'Called 101' }), NOW));
		expect(await escalationRow(id)).toMatchObject({ agency: 'police', state: 'sent', createdByRole: 'dsl' });
		const [referral] = await db().select().from(t.referral).where(eq(t.referral.id, referralId));
		expect(referral?.childProtection).toBe(true);
		const events = (await eventsOf(referralId)).filter((e) => e.kind === 'escalation');
		expect(events.map((e) => [e.toState, e.reason, e.schoolVisible])).toEqual([['sent', 'Called 101', true]]);
	});

	it('does not mark child protection for a GP escalation', async () => {
		const referralId = await submittedReferral(dsl());
		await created(await createEscalation(yw(), referralId, made('gp', 'letter', '2026-11-17 09:00'), NOW));
		const [referral] = await db().select().from(t.referral).where(eq(t.referral.id, referralId));
		expect(referral?.childProtection).toBe(false);
	});

	it('marks an escalation the latest triage decision required', async () => {
		const referralId = await submittedReferral(dsl());
		await decidedTriageRound(referralId, { lead: yw().userId, answers: {}, required: ['mash'] });
		const mash = await created(await createEscalation(yw(), referralId, made('mash', 'phone', '2026-11-17 09:00'), NOW));
		const gp = await created(await createEscalation(yw(), referralId, made('gp', 'letter', '2026-11-17 09:00'), NOW));
		expect([(await escalationRow(mash)).required, (await escalationRow(gp)).required]).toEqual([true, false]);
	});

	it('records one still to be made as planned, without timers', async () => {
		const referralId = await submittedReferral(dsl());
		const id = await created(await createEscalation(yw(), referralId, { ...made('mash', 'phone', '2026-11-17 09:00'), made: 'no' }, NOW));
		const row = await escalationRow(id);
		expect(row).toMatchObject({ state: 'planned', method: null, sentAt: null });
		expect(await timersOf(id)).toEqual([]);
	});

	it('answers not found for another school’s DSL, another service’s youth worker, an admin, a governor, and a draft', async () => {
		const referralId = await submittedReferral(dsl());
		const input = made('mash', 'phone', '2026-11-17 09:00');
		expect(await createEscalation(s1().schools[1].actors.dsl, referralId, input, NOW)).toEqual({ ok: false, problem: 'not-found' });
		expect(await createEscalation(world.services[1].actors.youth_worker, referralId, input, NOW)).toEqual({ ok: false, problem: 'not-found' });
		expect(await createEscalation(s1().actors.provider_admin, referralId, input, NOW)).toEqual({ ok: false, problem: 'not-found' });
		expect(await createEscalation(s1().schools[0].actors.governor, referralId, input, NOW)).toEqual({ ok: false, problem: 'not-found' });
		const draft = await completeDraft(dsl());
		expect(await createEscalation(dsl(), draft, input, NOW)).toEqual({ ok: false, problem: 'not-found' });
		expect(await db().select().from(t.escalation).where(eq(t.escalation.referralId, referralId))).toEqual([]);
	});

	it('refuses a time sent in the future, at the field', async () => {
		const referralId = await submittedReferral(dsl());
		expect(await createEscalation(yw(), referralId, made('mash', 'phone', '2026-11-17 12:30'), NOW)).toEqual({
			ok: false,
			problem: 'invalid',
			field: 'sentDay',
			message: 'Time sent must be in the past'
		});
	});
});

describe('updating an escalation', () => {
	it('records the decision, meets the MASH decision timer and is in the chronology and the audit log', async () => {
		const referralId = await submittedReferral(dsl());
		const id = await created(await createEscalation(yw(), referralId, made('mash', 'phone', '2026-11-17 09:00'), NOW));
		const later = new Date('2026-11-17T15:00:00Z');
		const result = await updateEscalation(
			yw(),
			referralId,
			id,
			await edit(id, { ...when('acknowledged', '2026-11-17 09:20'), decision: 'Strategy discussion', ...when('decision', '2026-11-17 14:00'), nextAction: 'Attend the strategy meeting', note: 'Duty manager rang back' }),
			later
		);
		expect(result).toEqual({ ok: true, id });
		const row = await escalationRow(id);
		expect(row).toMatchObject({ state: 'decided', decision: 'Strategy discussion', nextAction: 'Attend the strategy meeting', version: 2 });
		const timers = await timersOf(id);
		expect(timers.find((tm) => tm.kind === 'mash-decision')?.metAt?.toISOString()).toBe('2026-11-17T14:00:00.000Z');
		const events = (await eventsOf(referralId)).filter((e) => e.kind === 'escalation').slice(1);
		expect(events.map((e) => [e.fromState, e.toState, e.reason, e.schoolVisible])).toEqual([
			['sent', 'decided', null, true],
			['decided', 'decided', 'Duty manager rang back', false]
		]);
		const audit = (await auditRows(id)).filter((a) => a.action === 'escalation.updated');
		expect(audit.map((a) => a.detail)).toEqual([JSON.stringify({ referralId, from: 'sent', to: 'decided', moves: 'acknowledge,decide' })]);
	});

	it('meets the written-referral timer when the written referral is recorded', async () => {
		const referralId = await submittedReferral(dsl());
		const id = await created(await createEscalation(yw(), referralId, made('mash', 'phone', '2026-11-17 09:00'), NOW));
		expect(await updateEscalation(yw(), referralId, id, await edit(id, when('written', '2026-11-17 11:45')), NOW)).toEqual({ ok: true, id });
		const timer = (await timersOf(id)).find((tm) => tm.kind === 'mash-written-referral');
		expect(timer?.metAt?.toISOString()).toBe('2026-11-17T11:45:00.000Z');
		expect((await escalationRow(id)).state).toBe('sent');
	});

	it('refuses a stale save with a clear message and keeps the other person’s change', async () => {
		const referralId = await submittedReferral(dsl());
		const id = await created(await createEscalation(yw(), referralId, made('police', 'phone', '2026-11-17 09:00'), NOW));
		const mine = await edit(id, { reference: 'MINE' });
		const theirs = await edit(id, { reference: 'THEIRS' });
		expect(await updateEscalation(yw(), referralId, id, theirs, NOW)).toEqual({ ok: true, id });
		expect(await updateEscalation(yw(), referralId, id, mine, NOW)).toEqual({ ok: false, problem: 'stale', message: ESCALATION_STALE });
		expect(ESCALATION_STALE).toBe('Someone else changed this escalation while you were editing. Their changes are shown; make your changes again');
		expect(await escalationRow(id)).toMatchObject({ reference: 'THEIRS', version: 2 });
	});

	it('lets a DSL update an escalation the school made, and answers not found for one a youth worker made', async () => {
		const referralId = await submittedReferral(dsl());
		const ours = await created(await createEscalation(dsl(), referralId, made('police', 'phone', '2026-11-17 09:00'), NOW));
		const theirs = await created(await createEscalation(yw(), referralId, made('mash', 'phone', '2026-11-17 09:30'), NOW));
		const deputy = s1().schools[0].actors.deputy_dsl;
		expect(await updateEscalation(deputy, referralId, ours, await edit(ours, { outcome: 'Officer attended', close: 'yes' }), NOW)).toEqual({ ok: true, id: ours });
		expect((await escalationRow(ours)).state).toBe('closed');
		expect(await updateEscalation(dsl(), referralId, theirs, await edit(theirs, { reference: 'X' }), NOW)).toEqual({ ok: false, problem: 'not-found' });
		expect(await updateEscalation(s1().schools[1].actors.dsl, referralId, ours, await edit(ours, { reference: 'X' }), NOW)).toEqual({ ok: false, problem: 'not-found' });
		expect(await updateEscalation(world.services[1].actors.youth_worker, referralId, ours, await edit(ours, { reference: 'X' }), NOW)).toEqual({ ok: false, problem: 'not-found' });
	});

	it('will not close a MASH escalation before its decision, nor accept a decision time in the future', async () => {
		const referralId = await submittedReferral(dsl());
		const id = await created(await createEscalation(yw(), referralId, made('mash', 'phone', '2026-11-17 09:00'), NOW));
		expect(await updateEscalation(yw(), referralId, id, await edit(id, { outcome: 'Nothing yet', close: 'yes' }), NOW)).toEqual({
			ok: false,
			problem: 'invalid',
			field: 'close',
			message: 'Record MASH’s decision and its time before closing a MASH escalation'
		});
		expect(await updateEscalation(yw(), referralId, id, await edit(id, { decision: 'NFA', ...when('decision', '2026-11-18 09:00') }), NOW)).toEqual({
			ok: false,
			problem: 'invalid',
			field: 'decisionDay',
			message: 'Time of the decision must be in the past'
		});
		expect((await escalationRow(id)).version).toBe(1);
	});

	it('withdraws with a reason, stops its timers, and shows the school the fact but not the reason', async () => {
		const referralId = await submittedReferral(dsl());
		const id = await created(await createEscalation(yw(), referralId, made('mash', 'phone', '2026-11-17 09:00'), NOW));
		expect(await withdrawEscalation(yw(), referralId, id, '   ', 1, NOW)).toMatchObject({ ok: false, problem: 'invalid', field: 'reason' });
		expect(await withdrawEscalation(yw(), referralId, id, 'Recorded on the wrong case', 1, NOW)).toEqual({ ok: true, id });
		expect((await escalationRow(id)).state).toBe('withdrawn');
		expect((await timersOf(id)).every((tm) => tm.stoppedAt !== null)).toBe(true);
		const view = await viewCase(dsl(), referralId, NOW);
		expect(view?.chronology.map((e) => e.what)).toContain('Escalation to MASH (children’s social care front door): Made → Withdrawn');
		expect(JSON.stringify(view)).not.toContain('Recorded on the wrong case');
		expect(await updateEscalation(yw(), referralId, id, await edit(id, { reference: 'X' }), NOW)).toMatchObject({ ok: false, problem: 'invalid' });
	});
});

describe('a hold on the case', () => {
	it('is released when the escalation it waits for gets its decision', async () => {
		const referralId = await submittedReferral(dsl());
		const id = await created(await createEscalation(yw(), referralId, made('mash', 'phone', '2026-11-17 09:00'), NOW));
		await db().update(t.referral).set({ state: 'on_hold' }).where(eq(t.referral.id, referralId));
		await updateEscalation(yw(), referralId, id, await edit(id, { reference: 'still waiting' }), NOW);
		expect((await db().select({ state: t.referral.state }).from(t.referral).where(eq(t.referral.id, referralId)))[0]?.state).toBe('on_hold');
		await updateEscalation(yw(), referralId, id, await edit(id, { decision: 'Early Help assessment', ...when('decision', '2026-11-17 11:00') }), NOW);
		expect((await db().select({ state: t.referral.state }).from(t.referral).where(eq(t.referral.id, referralId)))[0]?.state).toBe('accepted');
		const transition = await db()
			.select()
			.from(t.caseEvent)
			.where(and(eq(t.caseEvent.referralId, referralId), eq(t.caseEvent.kind, 'transition'), eq(t.caseEvent.toState, 'accepted')));
		expect(transition).toHaveLength(1);
	});
});

describe('what each role sees of a case’s escalations', () => {
	it('shows the DSL to whom, when, the state and the outcome, never notes, decisions or references', async () => {
		const referralId = await submittedReferral(dsl());
		const id = await created(await createEscalation(yw(), referralId, made('mash', 'phone', '2026-11-17 09:00', { reference: 'SECRET-REF', note: 'SECRET-NOTE' }), NOW));
		await updateEscalation(yw(), referralId, id, await edit(id, { decision: 'SECRET-DECISION', ...when('decision', '2026-11-17 11:00'), outcome: 'Allocated to a social worker', nextAction: 'SECRET-NEXT' }), NOW);
		await createEscalation(yw(), referralId, { ...made('camhs', 'phone', '2026-11-17 09:00'), made: 'no' }, NOW);

		const view = await escalationsFor(dsl(), referralId, NOW);
		expect(view?.audience).toBe('school');
		expect(view?.escalations).toEqual([
			{
				id,
				agencyLabel: 'MASH (children’s social care front door)',
				sentAt: '2026-11-17T09:00:00.000Z',
				state: 'decided',
				stateLabel: 'Decision made',
				stateTag: 'turquoise',
				outcome: 'Allocated to a social worker',
				canEdit: false,
				canDownloadPdf: false
			}
		]);
		const caseView = JSON.stringify(await viewCase(dsl(), referralId, NOW));
		expect(caseView).toContain('Escalation to MASH (children’s social care front door) made');
		for (const secret of ['SECRET-REF', 'SECRET-NOTE', 'SECRET-DECISION', 'SECRET-NEXT']) expect(caseView).not.toContain(secret);
	});

	it('shows youth workers everything, with each escalation’s timers', async () => {
		const referralId = await submittedReferral(dsl());
		const id = await created(await createEscalation(yw(), referralId, made('mash', 'phone', '2026-11-17 09:00', { reference: 'REF-9' }), NOW));
		const view = await escalationsFor(yw(), referralId, NOW);
		if (view?.audience !== 'service') throw new Error('a youth worker sees the service view');
		const [e] = view.escalations;
		expect(e).toMatchObject({ id, reference: 'REF-9', methodLabel: 'Phone', lawfulBasisLabel: 'Safeguarding without consent', canEdit: true, canDownloadPdf: true, madeBy: 'youth_worker 1' });
		expect(e?.timers.map((tm) => [tm.label, tm.dueAt])).toEqual([
			['MASH decision', '2026-11-18T09:00:00.000Z'],
			['Written MASH referral', '2026-11-18T09:00:00.000Z']
		]);
	});

	it('shows nothing to another school, another service or a governor', async () => {
		const referralId = await submittedReferral(dsl());
		expect(await escalationsFor(s1().schools[1].actors.dsl, referralId)).toBeNull();
		expect(await escalationsFor(world.services[1].actors.youth_worker, referralId)).toBeNull();
		expect(await escalationsFor(s1().schools[0].actors.governor, referralId)).toBeNull();
	});
});
