import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '$lib/schemas/fields';
import { onwardReferralSchema, type OnwardReferralInput } from '$lib/schemas/onward-referral';
import { db, t } from '$lib/server/db';
import { createOnwardReferral, updateOnwardReferral } from '$lib/server/onward-referrals/onward-referrals';
import { onwardForEdit, onwardReferralsFor } from '$lib/server/onward-referrals/view';
import { viewCase } from '$lib/server/referrals/case-view';
import { acceptedCase, submittedCase } from '../helpers/case';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

const s1 = () => world.services[0];
const yw = () => s1().actors.youth_worker;
const dsl = () => s1().schools[0].actors.dsl;
const NOTE = 'Mum will drive her to the first appointment';

function input(values: Partial<OnwardReferralInput> = {}): OnwardReferralInput {
	return onwardReferralSchema.parse({
		version: 0,
		toService: 'Young people’s substance service',
		referredDay: '10',
		referredMonth: '11',
		referredYear: '2026',
		accepted: 'not_known',
		takenUp: 'not_known',
		note: NOTE,
		...values
	});
}

async function recorded(referralId: string, values: Partial<OnwardReferralInput> = {}): Promise<string> {
	const result = await createOnwardReferral(yw(), referralId, input(values));
	if (!result.ok) throw new Error(`not recorded: ${JSON.stringify(result)}`);
	return result.id;
}

async function auditActions(recordId: string) {
	return (await db().select().from(t.auditEvent).where(eq(t.auditEvent.recordId, recordId)).orderBy(asc(t.auditEvent.id))).map((r) => [r.action, r.detail]);
}

async function onwardEvents(referralId: string) {
	return db()
		.select()
		.from(t.caseEvent)
		.where(and(eq(t.caseEvent.referralId, referralId), eq(t.caseEvent.kind, 'onward-referral')))
		.orderBy(asc(t.caseEvent.id));
}

describe('recording onward referrals', () => {
	it('records an onward referral with its chronology entry and audit row, and lists it for youth workers with the note', async () => {
		const referralId = await acceptedCase(dsl(), yw());
		const id = await recorded(referralId);
		const [row] = await db().select().from(t.onwardReferral).where(eq(t.onwardReferral.id, id));
		expect(row).toMatchObject({ referralId, toService: 'Young people’s substance service', referredOn: '2026-11-10', accepted: 'not_known', takenUp: 'not_known', note: NOTE, version: 1, createdBy: yw().userId });
		expect((await onwardEvents(referralId)).map((e) => [e.section, e.reason])).toEqual([['created', null]]);
		expect(await auditActions(id)).toEqual([['onward.created', JSON.stringify({ referralId, accepted: 'not_known', takenUp: 'not_known' })]]);
		expect(await onwardReferralsFor(yw(), referralId)).toEqual({
			audience: 'service',
			referralId,
			canRecord: true,
			onward: [{ id, toService: 'Young people’s substance service', referredOn: '2026-11-10', acceptedLabel: 'Not known yet', takenUpLabel: 'Not known yet', note: NOTE }]
		});
	});

	it('updates whether it was accepted and taken up later, audited and in the chronology', async () => {
		const referralId = await acceptedCase(dsl(), yw());
		const id = await recorded(referralId);
		expect(await updateOnwardReferral(yw(), referralId, id, input({ version: 1, accepted: 'yes', takenUp: 'no' }))).toEqual({ ok: true, id });
		const [row] = await db().select().from(t.onwardReferral).where(eq(t.onwardReferral.id, id));
		expect(row).toMatchObject({ accepted: 'yes', takenUp: 'no', version: 2, updatedBy: yw().userId });
		expect((await onwardEvents(referralId)).map((e) => e.section)).toEqual(['created', 'updated']);
		expect((await auditActions(id)).map(([action]) => action)).toEqual(['onward.created', 'onward.updated']);
		expect((await viewCase(yw(), referralId))?.chronology.map((e) => e.what)).toEqual(expect.arrayContaining(['Onward referral recorded', 'Onward referral updated']));
	});

	it('refuses a stale update, keeping the other person’s change', async () => {
		const referralId = await acceptedCase(dsl(), yw());
		const id = await recorded(referralId);
		await updateOnwardReferral(yw(), referralId, id, input({ version: 1, accepted: 'yes' }));
		const stale = await updateOnwardReferral(yw(), referralId, id, input({ version: 1, accepted: 'no' }));
		expect(stale).toMatchObject({ ok: false, problem: 'stale', current: { accepted: 'yes', version: 2 } });
		const [row] = await db().select().from(t.onwardReferral).where(eq(t.onwardReferral.id, id));
		expect(row?.accepted).toBe('yes');
	});

	it('refuses an onward referral before the case is accepted', async () => {
		const referralId = await submittedCase(dsl());
		expect(await createOnwardReferral(yw(), referralId, input())).toEqual({ ok: false, problem: 'not-recordable' });
		expect(await onwardReferralsFor(yw(), referralId)).toBeNull();
	});

	it('asks for the service, a real date not in the future, and both answers', () => {
		const messages = (values: Record<string, unknown>) => {
			const parsed = onwardReferralSchema.safeParse({ version: 0, ...values });
			return parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join('.'), i.message]);
		};
		expect(messages({})).toEqual([
			['toService', 'Enter the service the young person was referred to'],
			['referredDay', 'Enter the date of the referral'],
			['accepted', 'Select whether the service accepted the referral'],
			['takenUp', 'Select whether the young person took it up']
		]);
		expect(messages({ ...input(), referredDay: '31', referredMonth: '2' })).toEqual([['referredDay', 'Date of the referral must be a real date']]);
		const [year] = todayIso().split('-');
		expect(messages({ ...input(), referredYear: String(Number(year) + 1) })).toEqual([['referredDay', 'The date of the referral must be today or in the past']]);
		expect(messages({ ...input(), toService: 's'.repeat(201) })).toEqual([['toService', 'The service must be 200 characters or fewer']]);
	});
});

describe('who sees onward referrals', () => {
	it('shows the school the service, date, accepted and taken up, never the note', async () => {
		const referralId = await acceptedCase(dsl(), yw());
		const id = await recorded(referralId, { accepted: 'yes' });
		const view = await onwardReferralsFor(dsl(), referralId);
		expect(view).toEqual({ audience: 'school', onward: [{ id, toService: 'Young people’s substance service', referredOn: '2026-11-10', acceptedLabel: 'Yes', takenUpLabel: 'Not known yet' }] });
		expect(JSON.stringify({ view, caseView: await viewCase(dsl(), referralId) })).not.toContain(NOTE);
		expect((await viewCase(dsl(), referralId))?.chronology.map((e) => e.what)).toContain('Onward referral recorded');
	});

	it('shows the school nothing without consent to share progress', async () => {
		const referralId = await acceptedCase(dsl(), yw(), { consent: { shareProgress: 'no', shareProgressBy: '', shareProgressMethod: '', shareProgressDay: '', shareProgressMonth: '', shareProgressYear: '' } });
		await recorded(referralId);
		expect(await onwardReferralsFor(dsl(), referralId)).toBeNull();
		expect((await viewCase(dsl(), referralId))?.chronology.map((e) => e.what)).not.toContain('Onward referral recorded');
	});

	it('gives another school’s DSL, another service’s youth worker and a DSL “not found”', async () => {
		const referralId = await acceptedCase(dsl(), yw());
		const id = await recorded(referralId);
		const otherSchool = s1().schools[1].actors.dsl;
		const otherService = world.services[1].actors.youth_worker;
		expect(await onwardReferralsFor(otherSchool, referralId)).toBeNull();
		expect(await onwardReferralsFor(otherService, referralId)).toBeNull();
		expect(await onwardForEdit(otherService, referralId, id)).toBeNull();
		expect(await onwardForEdit(dsl(), referralId, id)).toBeNull();
		expect(await createOnwardReferral(otherService, referralId, input())).toEqual({ ok: false, problem: 'not-found' });
		expect(await createOnwardReferral(dsl(), referralId, input())).toEqual({ ok: false, problem: 'not-found' });
		expect(await updateOnwardReferral(otherService, referralId, id, input({ version: 1 }))).toEqual({ ok: false, problem: 'not-found' });
	});

	it('writes an audit row when a youth worker opens an onward referral', async () => {
		const referralId = await acceptedCase(dsl(), yw());
		const id = await recorded(referralId);
		await onwardForEdit(yw(), referralId, id);
		expect((await auditActions(id)).map(([action]) => action)).toEqual(['onward.created', 'onward.viewed']);
	});
});
