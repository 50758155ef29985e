import { isHttpError, isRedirect, type ActionFailure } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthContext, type AuthContext } from '$lib/server/auth/context';
import { createSession } from '$lib/server/auth/session';
import { db, t } from '$lib/server/db';
import { saveAssessment } from '$lib/server/assessments/record';
import { assessmentSchema } from '$lib/schemas/assessment';
import { actions as assessmentActions } from '../../src/routes/(app)/referrals/[id]/assessment/+page.server';
import { actions as onwardActions } from '../../src/routes/(app)/referrals/[id]/onward/new/+page.server';
import { acceptedCase } from '../helpers/case';
import { useTestDatabase } from '../helpers/database';
import { fakeEvent } from '../helpers/event';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
const auth: Record<string, AuthContext> = {};

async function signIn(userId: string): Promise<AuthContext> {
	await db().update(t.user).set({ totpKey: Buffer.alloc(20), totpEnrolledAt: new Date() }).where(eq(t.user.id, userId));
	const { session } = await createSession(db(), userId, { address: '127.0.0.1', userAgent: 'test', mfaVerifiedAt: new Date() });
	const context = await loadAuthContext(db(), session);
	if (!context) throw new Error('no auth context');
	return context;
}

beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	const s1 = world.services[0];
	auth.yw = await signIn(s1.actors.youth_worker.userId);
	auth.dsl = await signIn(s1.schools[0].actors.dsl.userId);
	auth.otherServiceYw = await signIn(world.services[1].actors.youth_worker.userId);
});
afterAll(() => close());

interface Form {
	data: Record<string, unknown>;
	errors: Record<string, unknown>;
}
type Handler = (event: never) => unknown;

/** Posts a form as the browser would without JavaScript; answers the redirect, the error status or the form. */
async function post(as: AuthContext, action: Handler | undefined, path: string, form: Record<string, string>, params: Record<string, string>) {
	const event = fakeEvent({ path, method: 'POST', auth: as });
	const request = new Request(event.url, { method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
	try {
		const result = (await action?.({ ...event, request, params } as never)) as ActionFailure<{ form: Form; conflict?: Record<string, unknown> }> | { form: Form; saved: boolean };
		return 'status' in result ? { status: result.status, form: result.data.form, conflict: result.data.conflict } : { status: 200, form: result.form, saved: result.saved };
	} catch (e) {
		if (isRedirect(e)) return { status: e.status, location: e.location };
		if (isHttpError(e)) return { status: e.status };
		throw e;
	}
}

const SUBSTANCES = 'Cannabis since Year 9, most weekends';

describe('the assessment form posted without JavaScript', () => {
	it('saves a draft and stays on the form with the next version', async () => {
		const id = await acceptedCase(world.services[0].schools[0].actors.dsl, world.services[0].actors.youth_worker);
		const result = await post(auth.yw as AuthContext, assessmentActions.draft, `/referrals/${id}/assessment`, { version: '0', substances: SUBSTANCES }, { id });
		expect(result).toMatchObject({ status: 200, saved: true, form: { data: { version: 1, substances: SUBSTANCES } } });
	});

	it('puts each completion message at its field and in the summary, keeping what was typed', async () => {
		const id = await acceptedCase(world.services[0].schools[0].actors.dsl, world.services[0].actors.youth_worker);
		const result = await post(auth.yw as AuthContext, assessmentActions.complete, `/referrals/${id}/assessment`, { version: '0', substances: SUBSTANCES, newRisks: 'yes' }, { id });
		expect(result.status).toBe(400);
		expect(result.form?.data.substances).toBe(SUBSTANCES);
		expect(result.form?.errors).toMatchObject({
			goal1: ['Enter at least one goal, in the young person’s own words'],
			riskSummary: ['Enter the risk summary'],
			newRisksNote: ['Enter what the new risks are: the case goes back to triage with this note']
		});
	});

	it('refuses a stale save with a clear message, keeps what this person typed and shows the other person’s answers', async () => {
		const yw = world.services[0].actors.youth_worker;
		const id = await acceptedCase(world.services[0].schools[0].actors.dsl, yw);
		await saveAssessment(yw, id, assessmentSchema.parse({ version: 0, substances: 'Theirs' }), 'draft');
		const result = await post(auth.yw as AuthContext, assessmentActions.draft, `/referrals/${id}/assessment`, { version: '0', substances: 'Mine' }, { id });
		expect(result.status).toBe(409);
		expect(result.form?.data).toMatchObject({ substances: 'Mine', version: 1 });
		expect(result.form?.errors._errors).toEqual(['Someone else saved this assessment while you were editing. Your answers are below and nothing has been saved: check them against theirs, then save again.']);
		expect(result.conflict).toMatchObject({ substances: 'Theirs' });
	});

	it('completes and returns to the case', async () => {
		const id = await acceptedCase(world.services[0].schools[0].actors.dsl, world.services[0].actors.youth_worker);
		const form = { version: '0', substances: SUBSTANCES, goal1: 'Pass my exams', riskSummary: 'Low', suitability: 'one_to_one', newRisks: 'no' };
		expect(await post(auth.yw as AuthContext, assessmentActions.complete, `/referrals/${id}/assessment`, form, { id })).toEqual({ status: 303, location: `/referrals/${id}#assessment` });
	});

	it('answers 404 to the school’s DSL and to another service’s youth worker', async () => {
		const id = await acceptedCase(world.services[0].schools[0].actors.dsl, world.services[0].actors.youth_worker);
		expect(await post(auth.dsl as AuthContext, assessmentActions.draft, `/referrals/${id}/assessment`, { version: '0' }, { id })).toEqual({ status: 404 });
		expect(await post(auth.otherServiceYw as AuthContext, assessmentActions.draft, `/referrals/${id}/assessment`, { version: '0' }, { id })).toEqual({ status: 404 });
	});
});

describe('the onward referral form posted without JavaScript', () => {
	it('shows its messages at the fields, then records and returns to the case', async () => {
		const id = await acceptedCase(world.services[0].schools[0].actors.dsl, world.services[0].actors.youth_worker);
		const path = `/referrals/${id}/onward/new`;
		const empty = await post(auth.yw as AuthContext, onwardActions.default, path, { version: '0', note: 'Kept' }, { id });
		expect(empty.status).toBe(400);
		expect(empty.form?.data.note).toBe('Kept');
		expect(empty.form?.errors).toMatchObject({ toService: ['Enter the service the young person was referred to'], referredDay: ['Enter the date of the referral'] });
		const form = { version: '0', toService: 'CAMHS', referredDay: '2', referredMonth: '11', referredYear: '2026', accepted: 'yes', takenUp: 'not_known', note: '' };
		expect(await post(auth.yw as AuthContext, onwardActions.default, path, form, { id })).toEqual({ status: 303, location: `/referrals/${id}#onward` });
		expect(await post(auth.dsl as AuthContext, onwardActions.default, path, form, { id })).toEqual({ status: 404 });
	});
});
