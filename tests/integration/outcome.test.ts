import { isHttpError, isRedirect, type ActionFailure } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthContext, type AuthContext } from '$lib/server/auth/context';
import { createSession } from '$lib/server/auth/session';
import { db, t } from '$lib/server/db';
import { outcomeForEdit, recordOutcome, type OutcomeInput } from '$lib/server/outcomes/record';
import { outcomePanelFor } from '$lib/server/outcomes/view';
import { applyTransition } from '$lib/server/referrals/transition';
import { viewCase } from '$lib/server/referrals/case-view';
import { recordSchoolDecision, schoolDecisionForEdit } from '$lib/server/triage/fallback';
import { newId } from '$lib/server/util/ids';
import { actions as outcomeActions } from '../../src/routes/(app)/referrals/[id]/outcome/+page.server';
import { acceptedCase, caseRow } from '../helpers/case';
import { useTestDatabase } from '../helpers/database';
import { fakeEvent } from '../helpers/event';
import { seedWorld, type World } from '../helpers/world';
import { attend, caseInProgramme, coreModuleIds, fullyAttendedCase, move } from './outcome-fixtures';

let close: () => Promise<void>;
let world: World;
const s1 = () => world.services[0];
const yw = () => s1().actors.youth_worker;
const dsl = () => s1().schools[0].actors.dsl;

beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

const input = (over: Partial<OutcomeInput>): OutcomeInput => ({ outcome: 'completed', overrideReason: '', outcomeOn: '2026-11-20', ratings: ['achieved'], fromReview: false, ...over });
const version = async (id: string) => (await caseRow(id)).version;

describe('the proposed outcome', () => {
	it('proposes completed, naming each core module as attended, when the assessment and every core module were attended', async () => {
		const id = await fullyAttendedCase(dsl(), yw());
		const view = await outcomeForEdit(yw(), id);
		expect(view?.open && view.proposed).toBe('completed');
		expect(view?.open && view.coreModules.map((m) => m.attended)).toEqual([true, true, true]);
		expect(view?.open && view.goals).toEqual([{ field: 'goal_1', text: 'Stay in lessons all week' }]);
	});

	it('proposes partially completed and names the module missing when one core module was missed with an excuse and not covered again', async () => {
		const id = await caseInProgramme(dsl(), yw());
		const [first, second, third] = await coreModuleIds(id);
		await attend(id, yw(), [first as string, second as string], 'late');
		await attend(id, yw(), [third as string], 'excused');
		const view = await outcomeForEdit(yw(), id);
		expect(view?.open && view.proposed).toBe('partially_completed');
		expect(view?.open && view.coreModules.filter((m) => !m.attended).map((m) => m.id)).toEqual([third]);
	});

	it('ignores sessions that were cancelled', async () => {
		const id = await caseInProgramme(dsl(), yw());
		await attend(id, yw(), await coreModuleIds(id), 'present', { cancelled: true });
		const view = await outcomeForEdit(yw(), id);
		expect(view?.open && view.proposed).toBe('did_not_engage');
	});

	it('proposes did not engage when coming from a review that is closing the case', async () => {
		const id = await caseInProgramme(dsl(), yw());
		await attend(id, yw(), [(await coreModuleIds(id))[0] as string], 'present');
		const row = await caseRow(id);
		await db().insert(t.caseReview).values({ id: newId(), referralId: id, serviceId: row.serviceId, schoolId: row.schoolId, reason: 'absences', raisedAt: new Date() });
		expect(await outcomeForEdit(yw(), id)).toMatchObject({ proposed: 'partially_completed' });
		expect(await outcomeForEdit(yw(), id, true)).toMatchObject({ proposed: 'did_not_engage' });
	});

	it('offers only did not engage or withdrawn for a case still in assessment', async () => {
		const id = await acceptedCase(dsl(), yw());
		await move(id, yw(), 'start-assessment');
		const view = await outcomeForEdit(yw(), id);
		expect(view?.open && view.options.map((o) => o.value)).toEqual(['did_not_engage', 'withdrawn']);
	});
});

describe('recording the outcome', () => {
	it('records a confirmed completion, rates each goal, moves the case on and audits it', async () => {
		const id = await fullyAttendedCase(dsl(), yw(), ['Stay in lessons all week', 'Talk to someone when stressed']);
		const result = await recordOutcome(yw(), id, input({ ratings: ['achieved', 'partly'] }), await version(id));
		expect(result).toEqual({ ok: true, outcome: 'completed' });
		expect((await caseRow(id)).state).toBe('completed');
		const [outcome] = await db().select().from(t.caseOutcome).where(eq(t.caseOutcome.referralId, id));
		expect(outcome).toMatchObject({ proposed: 'completed', outcome: 'completed', overrideReason: null, outcomeOn: '2026-11-20', recordedBy: yw().userId });
		const goals = await db().select({ achievement: t.goal.achievement, ratedBy: t.goal.ratedBy }).from(t.goal).where(eq(t.goal.referralId, id)).orderBy(t.goal.position);
		expect(goals).toEqual([
			{ achievement: 'achieved', ratedBy: yw().userId },
			{ achievement: 'partly', ratedBy: yw().userId }
		]);
		const audit = await db().select().from(t.auditEvent).where(and(eq(t.auditEvent.recordId, id), eq(t.auditEvent.action, 'outcome.recorded')));
		expect(audit.map((a) => JSON.parse(a.detail ?? '{}'))).toEqual([{ outcome: 'completed', proposed: 'completed', overridden: false, goalsRated: 2 }]);
	});

	it('refuses an outcome other than the proposed one without a reason, and records it with one', async () => {
		const id = await fullyAttendedCase(dsl(), yw());
		const refused = await recordOutcome(yw(), id, input({ outcome: 'partially_completed' }), await version(id));
		expect(refused).toEqual({ ok: false, problem: 'invalid', errors: { overrideReason: 'Give a reason for choosing partially completed instead of completed' } });
		expect((await caseRow(id)).state).toBe('in_programme');
		const done = await recordOutcome(yw(), id, input({ outcome: 'partially_completed', overrideReason: 'Left before the last activity' }), await version(id));
		expect(done.ok).toBe(true);
		expect((await caseRow(id)).state).toBe('partially_completed');
		const [outcome] = await db().select().from(t.caseOutcome).where(eq(t.caseOutcome.referralId, id));
		expect(outcome).toMatchObject({ proposed: 'completed', outcome: 'partially_completed', overrideReason: 'Left before the last activity' });
	});

	it('never records completed against the rule, even with a reason', async () => {
		const id = await caseInProgramme(dsl(), yw());
		await attend(id, yw(), [(await coreModuleIds(id))[0] as string], 'present');
		const result = await recordOutcome(yw(), id, input({ overrideReason: 'They did the work at home' }), await version(id));
		expect(result).toEqual({ ok: false, problem: 'invalid', errors: { outcome: 'Completed needs the assessment and every core module attended: record the missing registers first' } });
	});

	it('needs a rating for every goal', async () => {
		const id = await fullyAttendedCase(dsl(), yw(), ['Goal one', 'Goal two']);
		const result = await recordOutcome(yw(), id, input({ ratings: ['achieved', ''] }), await version(id));
		expect(result).toEqual({ ok: false, problem: 'invalid', errors: { goal_2: 'Select how far the goal “Goal two” was achieved' } });
	});

	it('closes a case in assessment as did not engage with the rule’s reason, and can record it only once', async () => {
		const id = await acceptedCase(dsl(), yw());
		await move(id, yw(), 'start-assessment');
		expect(await recordOutcome(yw(), id, input({ outcome: 'did_not_engage', ratings: [] }), await version(id))).toEqual({ ok: true, outcome: 'did_not_engage' });
		expect((await caseRow(id)).state).toBe('did_not_engage');
		const [event] = await db().select().from(t.caseEvent).where(and(eq(t.caseEvent.referralId, id), eq(t.caseEvent.toState, 'did_not_engage')));
		expect(event?.reason).toBe('The young person attended no session (present or late).');
		expect(await recordOutcome(yw(), id, input({ outcome: 'did_not_engage', ratings: [] }), await version(id))).toEqual({ ok: false, problem: 'wrong-state' });
	});

	it('withdraws with the youth worker’s reason', async () => {
		const id = await fullyAttendedCase(dsl(), yw());
		expect(await recordOutcome(yw(), id, input({ outcome: 'withdrawn', overrideReason: 'Family moved away' }), await version(id))).toEqual({ ok: true, outcome: 'withdrawn' });
		expect((await caseRow(id)).state).toBe('withdrawn');
	});

	it('refuses a stale save', async () => {
		const id = await fullyAttendedCase(dsl(), yw());
		expect(await recordOutcome(yw(), id, input({}), (await version(id)) - 1)).toEqual({ ok: false, problem: 'stale' });
	});

	it('answers not found to a DSL of another school and a youth worker of another service', async () => {
		const id = await fullyAttendedCase(dsl(), yw());
		for (const actor of [s1().schools[1].actors.dsl, dsl(), world.services[1].actors.youth_worker]) {
			expect(await outcomeForEdit(actor, id)).toBeNull();
			expect(await recordOutcome(actor, id, input({}), await version(id))).toEqual({ ok: false, problem: 'not-found' });
		}
	});
});

describe('what the school sees of the outcome', () => {
	it('shows the school the outcome even without consent to share progress, and never the goals', async () => {
		const id = await fullyAttendedCase(dsl(), yw(), ['A private goal'], { consent: { shareProgress: 'no', shareProgressBy: '', shareProgressMethod: '', shareProgressDay: '', shareProgressMonth: '', shareProgressYear: '' } });
		await recordOutcome(yw(), id, input({ outcome: 'partially_completed', overrideReason: 'A private reason' }), await version(id));
		const view = await viewCase(dsl(), id);
		expect(view?.progressShared).toBe(false);
		expect(view?.stateLabel).toBe('Partially completed');
		const panel = await outcomePanelFor(dsl(), id);
		expect(panel?.outcome?.label).toBe('Partially completed');
		expect(panel?.goals).toEqual([]);
		expect(panel?.override).toBeNull();
		expect(JSON.stringify(panel)).not.toMatch(/private/);
		expect((await outcomePanelFor(yw(), id))?.goals).toEqual([{ text: 'A private goal', rating: 'Achieved' }]);
	});
});

describe('what the school then decided (DOMAIN.md §3 step 2)', () => {
	it('asks the DSL after a partial outcome, and still after the case moves to follow-up', async () => {
		const id = await fullyAttendedCase(dsl(), yw());
		await recordOutcome(yw(), id, input({ outcome: 'partially_completed', overrideReason: 'Missed the last part' }), await version(id));
		expect((await schoolDecisionForEdit(dsl(), id))?.open).toBe(true);
		const row = await caseRow(id);
		await db().transaction(async (tx) => {
			expect((await applyTransition(tx, null, row, 'follow-up-due')).ok).toBe(true);
		});
		expect((await schoolDecisionForEdit(dsl(), id))?.open).toBe(true);
		expect(await recordSchoolDecision(dsl(), id, { decision: 'suspension', days: 2, note: '' }, await version(id))).toMatchObject({ ok: true });
		expect((await caseRow(id)).fallbackDecision).toBe('suspension');
	});

	it('does not ask after a completed outcome', async () => {
		const id = await fullyAttendedCase(dsl(), yw());
		await recordOutcome(yw(), id, input({}), await version(id));
		expect((await schoolDecisionForEdit(dsl(), id))?.open).toBe(false);
		expect(await recordSchoolDecision(dsl(), id, { decision: 'suspension', days: 2, note: '' }, await version(id))).toEqual({ ok: false, problem: 'wrong-state' });
	});
});

async function signIn(userId: string): Promise<AuthContext> {
	await db().update(t.user).set({ totpKey: Buffer.alloc(20), totpEnrolledAt: new Date() }).where(eq(t.user.id, userId));
	const { session } = await createSession(db(), userId, { address: '127.0.0.1', userAgent: 'test', mfaVerifiedAt: new Date() });
	const context = await loadAuthContext(db(), session);
	if (!context) throw new Error('no auth context');
	return context;
}

async function post(as: AuthContext, id: string, form: Record<string, string>) {
	const event = fakeEvent({ path: `/referrals/${id}/outcome`, method: 'POST', auth: as, form });
	try {
		const result = (await outcomeActions.default?.({ ...event, params: { id } } as never)) as ActionFailure<{ form: { data: Record<string, unknown>; errors: Record<string, unknown> } }>;
		return { status: result.status, form: result.data.form };
	} catch (e) {
		if (isRedirect(e)) return { status: e.status, location: e.location };
		if (isHttpError(e)) return { status: e.status };
		throw e;
	}
}

describe('the outcome form posted without JavaScript', () => {
	const form = (over: Record<string, string>) => ({ outcome: 'completed', overrideReason: '', outcomeOnDay: '20', outcomeOnMonth: '11', outcomeOnYear: '2026', goal_1: 'achieved', fromReview: '', ...over });

	it('puts the missing override reason at its field, keeping what was typed', async () => {
		const id = await fullyAttendedCase(dsl(), yw());
		const result = await post(await signIn(yw().userId), id, form({ outcome: 'did_not_engage', goal_1: 'partly', version: String(await version(id)) }));
		expect(result.status).toBe(400);
		expect(result.form?.errors.overrideReason).toEqual(['Give a reason for choosing did not engage instead of completed']);
		expect(result.form?.data).toMatchObject({ outcome: 'did_not_engage', goal_1: 'partly' });
	});

	it('records and returns to the case; another service’s youth worker and a DSL get 404', async () => {
		const id = await fullyAttendedCase(dsl(), yw());
		const body = form({ version: String(await version(id)) });
		expect(await post(await signIn(world.services[1].actors.youth_worker.userId), id, body)).toEqual({ status: 404 });
		expect(await post(await signIn(dsl().userId), id, body)).toEqual({ status: 404 });
		expect(await post(await signIn(yw().userId), id, body)).toEqual({ status: 303, location: `/referrals/${id}#outcome` });
	});
});
