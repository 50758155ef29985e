import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db, t } from '$lib/server/db';
import { viewCase } from '$lib/server/referrals/case-view';
import { withdrawConsent } from '$lib/server/referrals/consents';
import { discardDraft, findReferral, saveSection, startReferral } from '$lib/server/referrals/drafts';
import { listReferrals, triageQueue } from '$lib/server/referrals/lists';
import { decideMatch } from '$lib/server/referrals/matching';
import { problemsBeforeSubmit, submitReferral } from '$lib/server/referrals/submit';
import { withdrawReferral } from '$lib/server/referrals/withdraw';
import { pupilSchema } from '$lib/schemas/referral/pupil';
import { useTestDatabase } from '../helpers/database';
import { completeDraft, saveAnswers, validAnswers } from '../helpers/referral';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

const dsl = () => world.services[0].schools[0].actors.dsl;
const deputy = () => world.services[0].schools[0].actors.deputy_dsl;
const otherDsl = () => world.services[0].schools[1].actors.dsl;
const yw = () => world.services[0].actors.youth_worker;
const otherServiceYw = () => world.services[1].actors.youth_worker;
const version = async (id: string) => (await db().select({ v: t.referral.version }).from(t.referral).where(eq(t.referral.id, id)))[0]?.v ?? -1;
const audits = async (id: string, action: string) =>
	(await db().select().from(t.auditEvent).where(and(eq(t.auditEvent.recordId, id), eq(t.auditEvent.action, action)))).length;

describe('drafts', () => {
	it('keeps what was typed even when it is not valid yet, and marks the section incomplete', async () => {
		const id = await startReferral(dsl());
		const typed = { ...validAnswers().pupil, postcode: 'not a postcode', legalForename: 'Zoë' };
		const result = await saveAnswers(dsl(), id, 'pupil', typed);
		expect(result.ok).toBe(true);
		const found = await findReferral(dsl(), id);
		expect(found?.sections.pupil?.data.postcode).toBe('not a postcode');
		expect(found?.sections.pupil?.complete).toBe(false);
		expect(found?.referral.forenameKey).toBe('zoe');
	});

	it('belongs to the school: a deputy DSL resumes it, another school never sees it, nor do youth workers', async () => {
		const id = await startReferral(dsl());
		expect(await findReferral(deputy(), id)).not.toBeNull();
		expect(await findReferral(otherDsl(), id)).toBeNull();
		expect(await findReferral(yw(), id)).toBeNull();
		expect((await saveAnswers(otherDsl(), id, 'safety', validAnswers().safety)).ok).toBe(false);
	});

	it('shows in the chronology who edited it', async () => {
		const id = await startReferral(dsl());
		await saveAnswers(deputy(), id, 'safety', validAnswers().safety);
		const view = await viewCase(dsl(), id);
		expect(view?.chronology.map((e) => e.what)).toEqual(['Referral started', 'Edited “Immediate safety check”']);
		expect(view?.chronology[1]?.who).toMatch(/deputy_dsl 1\.1 \(Deputy designated safeguarding lead\)/);
	});

	it('writes at most one audit row per section per session when autosaving', async () => {
		const id = await startReferral(dsl());
		for (let i = 0; i < 5; i++) {
			await saveSection(dsl(), id, 'pupil', { legalForename: `Typing ${i}` }, { complete: false, expectedVersion: null, autosave: true });
		}
		expect(await audits(id, 'referral.section-saved')).toBe(1);
		await saveSection({ ...dsl(), sessionId: 'another-session' }, id, 'pupil', { legalForename: 'Again' }, { complete: false, expectedVersion: null, autosave: true });
		expect(await audits(id, 'referral.section-saved')).toBe(2);
	});

	it('refuses a stale save and keeps the other person’s change', async () => {
		const id = await startReferral(dsl());
		const first = await saveAnswers(dsl(), id, 'safety', validAnswers().safety, 0);
		expect(first).toEqual({ ok: true, version: 1 });
		await saveAnswers(deputy(), id, 'safety', { ...validAnswers().safety, otherRisk: 'yes', otherRiskDetail: 'Deputy’s note', actionTaken: 'Called parent' }, 1);
		const stale = await saveAnswers(dsl(), id, 'safety', validAnswers().safety, 1);
		expect(stale).toMatchObject({ ok: false, problem: 'stale', version: 2, current: { otherRiskDetail: 'Deputy’s note' } });
		expect((await findReferral(dsl(), id))?.sections.safety?.data.otherRiskDetail).toBe('Deputy’s note');
	});

	it('refuses over-long text at validation', () => {
		const result = pupilSchema.safeParse({ ...validAnswers().pupil, legalForename: 'x'.repeat(101) });
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.message).toBe('Legal first name must be 100 characters or fewer');
	});

	it('can be discarded by any DSL of the school, leaving only the audit trail', async () => {
		const id = await startReferral(dsl());
		await saveAnswers(dsl(), id, 'pupil', validAnswers().pupil);
		expect(await discardDraft(otherDsl(), id)).toBe(false);
		expect(await discardDraft(deputy(), id)).toBe(true);
		expect(await findReferral(dsl(), id)).toBeNull();
		expect(await db().select().from(t.referralSection).where(eq(t.referralSection.referralId, id))).toEqual([]);
		expect(await audits(id, 'referral.discarded')).toBe(1);
	});
});

describe('submission', () => {
	it('lists what is missing before it can be submitted', async () => {
		const id = await startReferral(dsl());
		await saveAnswers(dsl(), id, 'safety', validAnswers().safety);
		const problems = await problemsBeforeSubmit(dsl(), id);
		expect(problems?.map((p) => p.section)).toEqual(['pupil', 'family', 'incident', 'decision', 'consent']);
		expect(await submitReferral(dsl(), id, await version(id))).toMatchObject({ ok: false, problem: 'incomplete' });
	});

	it('blocks a red flag until what was done is recorded', async () => {
		const id = await completeDraft(dsl(), { safety: { medicalEmergency: 'yes', actionTaken: '' } });
		expect((await problemsBeforeSubmit(dsl(), id))?.map((p) => p.section)).toEqual(['safety']);
		await saveAnswers(dsl(), id, 'safety', { ...validAnswers().safety, medicalEmergency: 'yes', actionTaken: 'Called 999 at 10:20; ambulance attended' });
		expect(await problemsBeforeSubmit(dsl(), id)).toEqual([]);
	});

	it('submits: starts the triage timer, records consents, emails youth workers without pupil details, audits', async () => {
		const before = (await db().select().from(t.outbox)).length;
		const id = await completeDraft(dsl());
		const now = new Date('2026-11-27T16:59:00Z');
		expect(await submitReferral(dsl(), id, await version(id), now)).toEqual({ ok: true });
		const [row] = await db().select().from(t.referral).where(eq(t.referral.id, id));
		expect(row?.state).toBe('submitted');
		const timers = await db().select().from(t.caseTimer).where(eq(t.caseTimer.referralId, id));
		expect(timers.map((tm) => [tm.kind, tm.dueAt.toISOString()])).toEqual([['triage', '2026-11-30T16:59:00.000Z']]);
		const consents = await db().select().from(t.consent).where(eq(t.consent.referralId, id));
		expect(Object.fromEntries(consents.map((c) => [c.kind, c.given]))).toEqual({ parent: true, young_person: true, share_progress: true, evaluation: false });
		const emails = (await db().select().from(t.outbox)).slice(before);
		expect(emails.map((e) => JSON.parse(e.payload).to)).toEqual(['youth_worker.1@test.example']);
		expect(emails[0]?.payload).not.toMatch(/Testy|Pupilson|cannabis|Test School/);
		expect(await audits(id, 'referral.submit')).toBe(1);
		expect((await triageQueue(yw())).map((r) => r.id)).toContain(id);
		expect((await triageQueue(otherServiceYw())).map((r) => r.id)).not.toContain(id);
	});

	it('refuses a stale submission', async () => {
		const id = await completeDraft(dsl());
		const v = await version(id);
		await saveAnswers(deputy(), id, 'incident', validAnswers().incident);
		expect(await submitReferral(dsl(), id, v)).toEqual({ ok: false, problem: 'stale' });
	});
});

describe('after submission', () => {
	it('lets the school correct details until triage starts, recorded in the chronology', async () => {
		const id = await completeDraft(dsl());
		await submitReferral(dsl(), id, await version(id));
		const corrected = await saveAnswers(dsl(), id, 'pupil', { ...validAnswers().pupil, preferredName: 'Tess' });
		expect(corrected.ok).toBe(true);
		expect((await viewCase(dsl(), id))?.chronology.map((e) => e.what)).toContain('Corrected “About the pupil” after submission');
		await db().update(t.referral).set({ triageStartedAt: new Date() }).where(eq(t.referral.id, id));
		expect(await saveAnswers(dsl(), id, 'pupil', validAnswers().pupil)).toEqual({ ok: false, problem: 'not-editable' });
	});

	it('can be withdrawn with a reason, which stops its timers', async () => {
		const id = await completeDraft(dsl());
		await submitReferral(dsl(), id, await version(id));
		expect(await withdrawReferral(dsl(), id, '  ', await version(id))).toEqual({ ok: false, problem: 'reason-required' });
		expect(await withdrawReferral(otherDsl(), id, 'not mine', await version(id))).toEqual({ ok: false, problem: 'not-found' });
		expect(await withdrawReferral(dsl(), id, 'Family moved away', await version(id))).toMatchObject({ ok: true, to: 'withdrawn' });
		const [timer] = await db().select().from(t.caseTimer).where(eq(t.caseTimer.referralId, id));
		expect(timer?.stoppedAt).not.toBeNull();
		expect((await viewCase(dsl(), id))?.chronology.at(-1)?.reason).toBe('Family moved away');
	});

	it('records a withdrawn consent without deleting it, and then hides progress from the school', async () => {
		const id = await completeDraft(dsl());
		await submitReferral(dsl(), id, await version(id));
		await db().update(t.referral).set({ state: 'in_assessment' }).where(eq(t.referral.id, id));
		expect((await viewCase(dsl(), id))?.stateLabel).toBe('In assessment');
		const [share] = await db().select().from(t.consent).where(and(eq(t.consent.referralId, id), eq(t.consent.kind, 'share_progress')));
		expect(await withdrawConsent(dsl(), id, 'share_progress', 'Parent asked us to stop', 0)).toEqual({ ok: false, problem: 'stale' });
		expect(await withdrawConsent(dsl(), id, 'share_progress', 'Parent asked us to stop', share?.version ?? 0)).toEqual({ ok: true });
		const [after] = await db().select().from(t.consent).where(eq(t.consent.id, share?.id ?? ''));
		expect(after?.given).toBe(true);
		expect(after?.withdrawnReason).toBe('Parent asked us to stop');
		const schoolView = await viewCase(dsl(), id);
		expect(schoolView?.stateLabel).toBe('Received');
		expect(schoolView?.timers).toEqual([]);
		expect((await viewCase(yw(), id))?.stateLabel).toBe('In assessment');
	});

	it('proposes a match when the same young person is referred again, which only a youth worker sees and decides', async () => {
		const first = await completeDraft(dsl(), { pupil: { legalForename: 'Matchy', legalSurname: 'McMatch' } });
		await submitReferral(dsl(), first, await version(first));
		const second = await completeDraft(otherDsl(), { pupil: { legalForename: 'MATCHY', legalSurname: 'Mc-Match', dobDay: '14', dobMonth: '03' } });
		await submitReferral(otherDsl(), second, await version(second));
		expect((await viewCase(otherDsl(), second))?.matches).toEqual([]);
		const ywView = await viewCase(yw(), second);
		expect(ywView?.matches).toHaveLength(1);
		expect(ywView?.matches[0]?.matchedReferralId).toBe(first);
		expect(await decideMatch(otherServiceYw(), ywView?.matches[0]?.id ?? '', 'confirm')).toBe(false);
		expect(await decideMatch(yw(), ywView?.matches[0]?.id ?? '', 'confirm')).toBe(true);
		const rows = await db().select({ yp: t.referral.youngPersonId }).from(t.referral).where(eq(t.referral.surnameKey, 'mcmatch'));
		expect(new Set(rows.map((r) => r.yp)).size).toBe(1);
		expect(rows[0]?.yp).toBeTruthy();
	});
});

describe('lists', () => {
	it('lists the school’s cases only, searches names ignoring case and accents, and pages by keyset', async () => {
		for (const name of ['Álvaro', 'Alvin', 'Bea']) {
			await completeDraft(world.services[0].schools[1].actors.deputy_dsl, { pupil: { legalForename: name, legalSurname: 'Listable' } });
		}
		const mine = await listReferrals(otherDsl(), { search: 'alv' });
		expect(mine.rows.map((r) => r.displayName).sort()).toEqual(['Alvin Listable', 'Álvaro Listable']);
		expect((await listReferrals(dsl(), { search: 'alv' })).rows).toEqual([]);
		const bySurname = await listReferrals(otherDsl(), { search: 'LISTA' });
		expect(bySurname.rows).toHaveLength(3);
		const both = await listReferrals(otherDsl(), { search: 'be list' });
		expect(both.rows.map((r) => r.displayName)).toEqual(['Bea Listable']);
		const all: string[] = [];
		let after: string | null = null;
		do {
			const page: Awaited<ReturnType<typeof listReferrals>> = await listReferrals(otherDsl(), { after });
			all.push(...page.rows.map((r) => r.id));
			after = page.next;
		} while (after);
		expect(new Set(all).size).toBe(all.length);
		// A cursor at any row gives exactly the rows after it, newest first (the keyset's "next" shape).
		const first = await listReferrals(otherDsl(), { search: 'list' });
		const second = first.rows[1];
		if (!second) throw new Error('expected three rows');
		const rest = await listReferrals(otherDsl(), { search: 'list', after: `${new Date(second.createdAt).getTime()}.${second.id}` });
		expect(rest.rows.map((r) => r.id)).toEqual(first.rows.slice(2).map((r) => r.id));
		const newest = first.rows[0];
		const afterNewest = `${new Date(newest?.createdAt ?? 0).getTime()}.${newest?.id}`;
		expect((await listReferrals(otherDsl(), { state: 'draft', search: 'alv', after: afterNewest })).rows.map((r) => r.displayName).sort()).toEqual(['Alvin Listable', 'Álvaro Listable']);
		expect((await listReferrals(otherDsl(), { state: 'submitted', search: 'alv', after: afterNewest })).rows).toEqual([]);
	});

	it('filters by state and writes one audit row naming the filter, not the search text', async () => {
		const result = await listReferrals(dsl(), { state: 'submitted', search: 'Matchy' });
		expect(result.rows.every((r) => r.state === 'submitted')).toBe(true);
		const [row] = await db().select().from(t.auditEvent).where(eq(t.auditEvent.action, 'referral.list')).orderBy(t.auditEvent.id).limit(1).offset(0);
		expect(row).toBeTruthy();
		const last = (await db().select().from(t.auditEvent).where(eq(t.auditEvent.action, 'referral.list'))).at(-1);
		expect(last?.detail).toBe(JSON.stringify({ state: 'submitted', search: true, page: 'first' }));
	});

	it('shows nothing to a governor or commissioner', async () => {
		expect((await listReferrals(world.services[0].schools[0].actors.governor, {})).rows).toEqual([]);
		expect((await listReferrals(world.services[0].actors.commissioner, {})).rows).toEqual([]);
		expect(await findReferral(world.services[0].actors.commissioner, (await listReferrals(dsl(), {})).rows[0]?.id ?? '')).toBeNull();
	});
});
