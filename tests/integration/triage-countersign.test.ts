import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '$lib/server/auth/actor';
import { db, t } from '$lib/server/db';
import { viewCase } from '$lib/server/referrals/case-view';
import { submitReferral } from '$lib/server/referrals/submit';
import { withdrawReferral } from '$lib/server/referrals/withdraw';
import { insertUser } from '$lib/server/tenancy/provision';
import { countersignDecision, listAwaitingCountersign } from '$lib/server/triage/countersign';
import { recordSchoolDecision, schoolDecisionForEdit } from '$lib/server/triage/fallback';
import { triageSummaryFor } from '$lib/server/triage/summary';
import { decideTriage, liftHold, releaseHoldIfAnswered } from '$lib/server/triage/triage';
import { newId } from '$lib/server/util/ids';
import type { StoredAnswers, TriageDecisionInput } from '$lib/schemas/triage';
import { INDICATOR_KEYS, isFollowUp, type IndicatorKey } from '$lib/triage-indicators';
import { useTestDatabase } from '../helpers/database';
import { completeDraft } from '../helpers/referral';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
let senior: Actor;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	const base = world.services[0].actors.youth_worker;
	const userId = await db().transaction((tx) =>
		insertUser(tx, { email: 'senior.1@test.example', displayName: 'Senior youth worker', role: 'youth_worker', serviceId: base.serviceId, schoolId: null, senior: true })
	);
	senior = { ...base, userId, senior: true, sessionId: 'test-session-senior' };
});
afterAll(() => close());

const dsl = () => world.services[0].schools[0].actors.dsl;
const otherSchoolDsl = () => world.services[0].schools[1].actors.dsl;
const yw = () => world.services[0].actors.youth_worker;
const admin = () => world.services[0].actors.provider_admin;
const otherServiceYw = () => world.services[1].actors.youth_worker;
const otherServiceAdmin = () => world.services[1].actors.provider_admin;

const caseRow = async (id: string) => (await db().select().from(t.referral).where(eq(t.referral.id, id)))[0];

async function submitted(): Promise<string> {
	const id = await completeDraft(dsl());
	const result = await submitReferral(dsl(), id, (await caseRow(id))?.version ?? 0);
	if (!result.ok) throw new Error(`could not submit: ${result.problem}`);
	return id;
}

function answers(given: Partial<Record<IndicatorKey, 'yes' | 'no' | 'unknown'>> = {}): StoredAnswers {
	return Object.fromEntries(INDICATOR_KEYS.map((k) => [k, { answer: given[k] ?? (isFollowUp(k) ? '' : 'no'), note: '' }]));
}

function decision(overrides: Partial<TriageDecisionInput> = {}): TriageDecisionInput {
	return {
		answers: answers(),
		levelOfNeed: 1,
		rag: 'green',
		leadYouthWorkerId: yw().userId,
		decision: 'accept',
		holdReason: '',
		notSuitableReason: '',
		redirectedTo: '',
		escalations: {},
		...overrides
	};
}

/** A case whose required MASH escalation was declined, decided at `now`. */
async function declinedMash(now = new Date()): Promise<{ id: string; countersignId: string }> {
	const id = await submitted();
	const result = await decideTriage(yw(), id, decision({ answers: answers({ homeConcerns: 'yes' }), rag: 'amber', escalations: { mash: { choice: 'decline', rationale: 'Already known to social care; worker informed' } } }), 0, now);
	if (!result.ok) throw new Error(`could not decide: ${result.problem}`);
	const [row] = await db().select().from(t.countersign).where(eq(t.countersign.referralId, id));
	return { id, countersignId: row?.id ?? '' };
}

async function held(): Promise<string> {
	const id = await submitted();
	const result = await decideTriage(
		yw(),
		id,
		decision({ answers: answers({ abuseDisclosure: 'yes' }), rag: 'red', decision: 'hold', holdReason: 'Waiting for the MASH', escalations: { mash: { choice: 'escalate', rationale: '' } } }),
		0
	);
	if (!result.ok) throw new Error(`could not hold: ${result.problem}`);
	return id;
}

async function addEscalation(referralId: string, state: string): Promise<string> {
	const row = await caseRow(referralId);
	const id = newId();
	const now = new Date();
	// Only the columns triage relies on: the escalation record itself belongs to escalations.
	await db().run(
		sql`insert into escalation (id, referral_id, service_id, school_id, agency, state, created_by, created_by_role, created_at, updated_at)
			values (${id}, ${referralId}, ${row?.serviceId ?? ''}, ${row?.schoolId ?? ''}, 'mash', ${state}, ${yw().userId}, 'youth_worker', ${now.getTime()}, ${now.getTime()})`
	);
	return id;
}

describe('declined required escalations', () => {
	it('creates a countersign request due one working day later, flags the case for review and records it in the chronology', async () => {
		const { id, countersignId } = await declinedMash();
		const [row] = await db().select().from(t.countersign).where(eq(t.countersign.id, countersignId));
		expect(row).toMatchObject({ kind: 'declined-escalation', agency: 'mash', rationale: 'Already known to social care; worker informed', requestedBy: yw().userId, countersignedAt: null });
		expect((await caseRow(id))?.reviewFlag).toBe(true);
		const [timer] = await db().select().from(t.caseTimer).where(and(eq(t.caseTimer.subjectId, countersignId), eq(t.caseTimer.kind, 'countersign')));
		expect(timer?.dueAt).toEqual(row?.dueAt);
		const youthWorkerView = await viewCase(yw(), id);
		expect(youthWorkerView?.chronology.map((e) => e.reason)).toContain('Already known to social care; worker informed');
		const schoolView = await viewCase(dsl(), id);
		expect(JSON.stringify(schoolView?.chronology)).not.toContain('Already known to social care');
	});

	it('is due on Monday when declined on a Friday', async () => {
		const friday = new Date('2026-11-27T10:00:00Z');
		const { countersignId } = await declinedMash(friday);
		const [row] = await db().select().from(t.countersign).where(eq(t.countersign.id, countersignId));
		expect(row?.dueAt.toISOString()).toBe('2026-11-30T10:00:00.000Z');
	});

	it('skips the Easter bank holidays: declined on Maundy Thursday, due on the Tuesday', async () => {
		const thursday = new Date('2026-04-02T09:00:00Z');
		const { countersignId } = await declinedMash(thursday);
		const [row] = await db().select().from(t.countersign).where(eq(t.countersign.id, countersignId));
		expect(row?.dueAt.toISOString()).toBe('2026-04-07T09:00:00.000Z');
	});
});

describe('countersigning', () => {
	it('refuses a youth worker who is not senior', async () => {
		const { countersignId } = await declinedMash();
		const other = { ...yw(), userId: 'someone-else' };
		expect(await countersignDecision(other, countersignId, '')).toEqual({ ok: false, problem: 'not-senior' });
		expect(await countersignDecision(yw(), countersignId, '')).toEqual({ ok: false, problem: 'not-senior' });
	});

	it('refuses a senior youth worker countersigning their own decision', async () => {
		const id = await submitted();
		await decideTriage(senior, id, decision({ answers: answers({ homeConcerns: 'yes' }), escalations: { mash: { choice: 'decline', rationale: 'Known to social care' } } }), 0);
		const [row] = await db().select().from(t.countersign).where(eq(t.countersign.referralId, id));
		expect(await countersignDecision(senior, row?.id ?? '', '')).toEqual({ ok: false, problem: 'own-decision' });
	});

	it('accepts a senior youth worker, meets the timer, and takes it off the list', async () => {
		const { id, countersignId } = await declinedMash();
		expect((await listAwaitingCountersign(senior)).map((r) => r.id)).toContain(countersignId);
		expect(await countersignDecision(senior, countersignId, 'Agreed: social worker already involved')).toEqual({ ok: true });
		const [row] = await db().select().from(t.countersign).where(eq(t.countersign.id, countersignId));
		expect(row).toMatchObject({ countersignedBy: senior.userId, comment: 'Agreed: social worker already involved' });
		const [timer] = await db().select().from(t.caseTimer).where(eq(t.caseTimer.subjectId, countersignId));
		expect(timer?.metAt).toBeInstanceOf(Date);
		expect((await listAwaitingCountersign(senior)).map((r) => r.id)).not.toContain(countersignId);
		expect(await countersignDecision(admin(), countersignId, '')).toEqual({ ok: false, problem: 'already-countersigned' });
		const summary = await triageSummaryFor(yw(), id);
		expect(summary?.for === 'service' && summary.countersigns.map((c) => c.countersignedByName)).toEqual(['Senior youth worker']);
	});

	it('accepts a provider admin', async () => {
		const { countersignId } = await declinedMash();
		expect(await countersignDecision(admin(), countersignId, '')).toEqual({ ok: true });
	});

	it('lists not-suitable decisions too, soonest due first, with who may sign', async () => {
		const id = await submitted();
		await decideTriage(yw(), id, decision({ decision: 'not-suitable', notSuitableReason: 'Supply', redirectedTo: 'YOT' }), 0, new Date('2026-01-05T10:00:00Z'));
		const list = await listAwaitingCountersign(yw());
		expect(list[0]).toMatchObject({ referralId: id, kind: 'not-suitable', kindLabel: 'Not suitable for diversion', rationale: 'Supply', overdue: true, canSign: false });
		expect((await listAwaitingCountersign(senior))[0]?.canSign).toBe(true);
	});

	it('is not found for another service, and lists nothing of this one', async () => {
		const { countersignId } = await declinedMash();
		expect(await countersignDecision(otherServiceAdmin(), countersignId, '')).toEqual({ ok: false, problem: 'not-found' });
		expect(await countersignDecision({ ...otherServiceYw(), senior: true }, countersignId, '')).toEqual({ ok: false, problem: 'not-found' });
		expect(await countersignDecision(dsl(), countersignId, '')).toEqual({ ok: false, problem: 'not-found' });
		expect(await listAwaitingCountersign(otherServiceAdmin())).toEqual([]);
		expect(await listAwaitingCountersign(dsl())).toEqual([]);
	});
});

describe('holds', () => {
	it('lifts a hold only with a reason, which goes in the chronology', async () => {
		const id = await held();
		const version = (await caseRow(id))?.version ?? 0;
		expect(await liftHold(yw(), id, '  ', version)).toEqual({ ok: false, problem: 'reason-required' });
		expect(await liftHold(yw(), id, 'MASH confirmed no further action', version)).toMatchObject({ ok: true, to: 'accepted' });
		const view = await viewCase(yw(), id);
		expect(view?.chronology.at(-1)).toMatchObject({ what: 'On hold → Accepted', reason: 'MASH confirmed no further action' });
	});

	it('refuses to lift a hold for another service, or a stale one', async () => {
		const id = await held();
		const version = (await caseRow(id))?.version ?? 0;
		expect(await liftHold(otherServiceYw(), id, 'Reason', version)).toEqual({ ok: false, problem: 'not-found' });
		expect(await liftHold(yw(), id, 'Reason', version - 1)).toEqual({ ok: false, problem: 'stale' });
		expect((await caseRow(id))?.state).toBe('on_hold');
	});

	it('keeps the case out of the programme while an escalation awaits its answer, and releases it once all are answered', async () => {
		const id = await held();
		const first = await addEscalation(id, 'sent');
		await addEscalation(id, 'decided');
		expect(await db().transaction((tx) => releaseHoldIfAnswered(tx, yw(), id))).toBe(false);
		expect((await caseRow(id))?.state).toBe('on_hold');
		await db().run(sql`update escalation set state = 'closed' where id = ${first}`);
		expect(await db().transaction((tx) => releaseHoldIfAnswered(tx, dsl(), id))).toBe(true);
		expect((await caseRow(id))?.state).toBe('accepted');
		const view = await viewCase(yw(), id);
		expect(view?.chronology.at(-1)).toMatchObject({ what: 'On hold → Accepted', who: 'The system' });
	});

	it('leaves a held case with no escalation at all on hold, and ignores another service', async () => {
		const id = await held();
		expect(await db().transaction((tx) => releaseHoldIfAnswered(tx, yw(), id))).toBe(false);
		await addEscalation(id, 'decided');
		expect(await db().transaction((tx) => releaseHoldIfAnswered(tx, otherServiceYw(), id))).toBe(false);
		expect((await caseRow(id))?.state).toBe('on_hold');
	});

	it('allows only a not-suitable decision on a held case', async () => {
		const id = await held();
		expect(await decideTriage(yw(), id, decision(), 0)).toMatchObject({ ok: false, problem: 'invalid', errors: { decision: 'The case is on hold: lift the hold, or decide that it is not suitable' } });
		const result = await decideTriage(
			yw(),
			id,
			decision({
				answers: answers({ abuseDisclosure: 'yes' }),
				rag: 'red',
				levelOfNeed: 4,
				decision: 'not-suitable',
				notSuitableReason: 'Child protection investigation',
				redirectedTo: 'Children’s social care',
				escalations: { mash: { choice: 'escalate', rationale: '' } }
			}),
			0
		);
		expect(result).toEqual({ ok: true, state: 'not_suitable' });
		expect((await db().select().from(t.triage).where(eq(t.triage.referralId, id))).map((r) => [r.round, r.decision])).toEqual([
			[1, 'hold'],
			[2, 'not-suitable']
		]);
	});
});

describe('what the school then decided', () => {
	async function notSuitable(): Promise<string> {
		const id = await submitted();
		await decideTriage(yw(), id, decision({ decision: 'not-suitable', notSuitableReason: 'Supply', redirectedTo: 'YOT' }), 0);
		return id;
	}

	it('records a suspension with its days, in the chronology and on the summary', async () => {
		const id = await notSuitable();
		const form = await schoolDecisionForEdit(dsl(), id);
		expect(form).toMatchObject({ open: true, current: null });
		// One version for the decision, one for the case closing: nothing is left to do on it.
		expect(await recordSchoolDecision(dsl(), id, { decision: 'suspension', days: 3, note: '' }, form?.version ?? 0)).toEqual({ ok: true, version: (form?.version ?? 0) + 2 });
		expect(await caseRow(id)).toMatchObject({ state: 'closed', fallbackDecision: 'suspension', fallbackDays: 3, fallbackRecordedBy: dsl().userId });
		const summary = await triageSummaryFor(dsl(), id);
		expect(summary?.for === 'school' && summary.schoolDecision).toMatchObject({ decision: 'suspension', label: 'A suspension went ahead', days: 3, note: null });
	});

	it('needs the days for a suspension and a note for something else', async () => {
		const id = await notSuitable();
		const version = (await caseRow(id))?.version ?? 0;
		expect(await recordSchoolDecision(dsl(), id, { decision: 'suspension', days: null, note: '' }, version)).toEqual({
			ok: false,
			problem: 'invalid',
			errors: { days: 'Enter a whole number of days from 1 to 45' }
		});
		expect(await recordSchoolDecision(dsl(), id, { decision: 'other', days: null, note: '' }, version)).toEqual({ ok: false, problem: 'invalid', errors: { note: 'Say what the school decided' } });
		expect(await recordSchoolDecision(dsl(), id, { decision: 'other', days: null, note: 'Managed move' }, version)).toMatchObject({ ok: true });
	});

	it('is open for withdrawn cases, not for a case still going ahead', async () => {
		const accepted = await submitted();
		await decideTriage(yw(), accepted, decision(), 0);
		expect(await recordSchoolDecision(dsl(), accepted, { decision: 'no_further_sanction', days: null, note: '' }, (await caseRow(accepted))?.version ?? 0)).toEqual({ ok: false, problem: 'wrong-state' });
		const withdrawn = await submitted();
		await withdrawReferral(dsl(), withdrawn, 'Family moved away', (await caseRow(withdrawn))?.version ?? 0);
		expect(await recordSchoolDecision(dsl(), withdrawn, { decision: 'permanent_exclusion', days: null, note: '' }, (await caseRow(withdrawn))?.version ?? 0)).toMatchObject({ ok: true });
		expect((await caseRow(withdrawn))?.state).toBe('closed');
		// A closed case that never went ahead can still have the school's decision corrected.
		const closed = await caseRow(withdrawn);
		expect(await recordSchoolDecision(dsl(), withdrawn, { decision: 'suspension', days: 2, note: '' }, closed?.version ?? 0)).toMatchObject({ ok: true });
		expect(await caseRow(withdrawn)).toMatchObject({ state: 'closed', fallbackDecision: 'suspension', fallbackDays: 2 });
	});

	it('belongs to the pupil’s own school: another school, youth workers and a stale version are refused', async () => {
		const id = await notSuitable();
		const version = (await caseRow(id))?.version ?? 0;
		const input = { decision: 'no_further_sanction' as const, days: null, note: '' };
		expect(await schoolDecisionForEdit(otherSchoolDsl(), id)).toBeNull();
		expect(await recordSchoolDecision(otherSchoolDsl(), id, input, version)).toEqual({ ok: false, problem: 'not-found' });
		expect(await recordSchoolDecision(yw(), id, input, version)).toEqual({ ok: false, problem: 'not-found' });
		expect(await recordSchoolDecision(dsl(), id, input, version - 1)).toEqual({ ok: false, problem: 'stale' });
	});
});
