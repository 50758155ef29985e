import { isHttpError, isRedirect, type ActionFailure } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthContext, type AuthContext } from '$lib/server/auth/context';
import { createSession } from '$lib/server/auth/session';
import { db, t } from '$lib/server/db';
import { createEscalation, updateEscalation } from '$lib/server/escalations/escalations';
import { actions as newActions } from '../../src/routes/(app)/referrals/[id]/escalations/new/+page.server';
import { actions as editActions } from '../../src/routes/(app)/referrals/[id]/escalations/[escalationId]/+page.server';
import { actions as withdrawActions } from '../../src/routes/(app)/referrals/[id]/escalations/[escalationId]/withdraw/+page.server';
import { GET as pdfGet } from '../../src/routes/(app)/referrals/[id]/escalations/[escalationId]/summary.pdf/+server';
import { load as dueLoad } from '../../src/routes/(app)/due/+page.server';
import { useTestDatabase } from '../helpers/database';
import { fakeEvent } from '../helpers/event';
import { seedWorld, type World } from '../helpers/world';
import { edit, escalationRow, made, submittedReferral } from './escalation-fixtures';

let close: () => Promise<void>;
let world: World;
let referralId: string;
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
	auth.otherDsl = await signIn(s1.schools[1].actors.dsl.userId);
	referralId = await submittedReferral(s1.schools[0].actors.dsl);
});
afterAll(() => close());

interface Form {
	valid: boolean;
	data: Record<string, unknown>;
	errors: Record<string, unknown>;
}
type Handler = (event: never) => unknown;

/** Posts a form as the browser would without JavaScript; answers the redirect, the error status or the form. */
async function post(as: AuthContext, action: Handler | undefined, path: string, form: Record<string, string>, params: Record<string, string>) {
	const event = fakeEvent({ path, method: 'POST', auth: as });
	const request = new Request(event.url, { method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
	try {
		const result = (await action?.({ ...event, request, params } as never)) as ActionFailure<{ form: Form }>;
		return { status: result.status, form: result.data.form };
	} catch (e) {
		if (isRedirect(e)) return { status: e.status, location: e.location };
		if (isHttpError(e)) return { status: e.status };
		throw e;
	}
}

const strings = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v ?? '')]));
const newForm = { agency: 'mash', made: 'yes', method: 'phone', sentDay: '2', sentMonth: '11', sentYear: '2026', sentTime: '10:30', reference: 'M-1', lawfulBasis: 'consent', note: '' };

describe('escalation forms posted without JavaScript', () => {
	it('records an escalation and returns to the case', async () => {
		const result = await post(auth.yw as AuthContext, newActions.default, `/referrals/${referralId}/escalations/new`, newForm, { id: referralId });
		expect(result).toEqual({ status: 303, location: `/referrals/${referralId}#escalations` });
		const rows = await db().select().from(t.escalation).where(eq(t.escalation.referralId, referralId));
		expect(rows.map((r) => [r.agency, r.reference, r.lawfulBasis])).toEqual([['mash', 'M-1', 'consent']]);
	});

	it('keeps what was typed and puts each message at its field', async () => {
		const typed = { ...newForm, method: '', sentTime: '25:99', lawfulBasis: '', reference: 'Kept as typed' };
		const result = await post(auth.dsl as AuthContext, newActions.default, `/referrals/${referralId}/escalations/new`, typed, { id: referralId });
		expect(result.status).toBe(400);
		expect(result.form?.data.reference).toBe('Kept as typed');
		expect(result.form?.errors).toMatchObject({
			method: ['Select how it was made'],
			sentTime: ['Enter the time in 24-hour format, like 14:30'],
			lawfulBasis: ['Select the lawful basis for sharing']
		});
	});

	it('answers 404 to another school’s DSL', async () => {
		expect(await post(auth.otherDsl as AuthContext, newActions.default, `/referrals/${referralId}/escalations/new`, newForm, { id: referralId })).toEqual({ status: 404 });
	});

	it('shows the other person’s saved version after a stale save', async () => {
		const created = await createEscalation(world.services[0].actors.youth_worker, referralId, made('police', 'phone', '2026-11-02 11:00'));
		if (!created.ok) throw new Error('not created');
		const mine = strings(await edit(created.id, { reference: 'MINE' }));
		await updateEscalation(world.services[0].actors.youth_worker, referralId, created.id, await edit(created.id, { reference: 'THEIRS' }));
		const result = await post(auth.yw as AuthContext, editActions.default, `/referrals/${referralId}/escalations/${created.id}`, mine, { id: referralId, escalationId: created.id });
		expect(result.status).toBe(409);
		expect(result.form?.data).toMatchObject({ reference: 'THEIRS', version: 2 });
		expect(result.form?.errors._errors).toEqual(['Someone else changed this escalation while you were editing. Their changes are shown; make your changes again']);
	});

	it('puts the lifecycle’s refusal at the field', async () => {
		const created = await createEscalation(world.services[0].actors.youth_worker, referralId, made('mash', 'phone', '2026-11-02 11:00'));
		if (!created.ok) throw new Error('not created');
		const form = strings(await edit(created.id, { outcome: 'Nothing yet', close: 'yes' }));
		const result = await post(auth.yw as AuthContext, editActions.default, `/referrals/${referralId}/escalations/${created.id}`, form, { id: referralId, escalationId: created.id });
		expect(result.status).toBe(400);
		expect(result.form?.errors.close).toEqual(['Record MASH’s decision and its time before closing a MASH escalation']);
	});

	it('withdraws with a reason, and asks for one when it is missing', async () => {
		const created = await createEscalation(world.services[0].actors.youth_worker, referralId, made('gp', 'letter', '2026-11-02 11:00'));
		if (!created.ok) throw new Error('not created');
		const path = `/referrals/${referralId}/escalations/${created.id}/withdraw`;
		const params = { id: referralId, escalationId: created.id };
		const empty = await post(auth.yw as AuthContext, withdrawActions.default, path, { reason: '', version: '1' }, params);
		expect(empty.status).toBe(400);
		expect(empty.form?.errors.reason).toEqual(['Enter why the escalation is withdrawn']);
		expect(await post(auth.yw as AuthContext, withdrawActions.default, path, { reason: 'Sent to the wrong GP', version: '1' }, params)).toEqual({
			status: 303,
			location: `/referrals/${referralId}#escalations`
		});
		expect((await escalationRow(created.id)).state).toBe('withdrawn');
	});
});

describe('the escalation summary download and the due list', () => {
	it('serves the PDF, uncached, to the youth worker, and 404 to a DSL for a youth worker’s escalation', async () => {
		const [row] = await db().select().from(t.escalation).where(eq(t.escalation.referralId, referralId));
		if (!row) throw new Error('no escalation');
		const params = { id: referralId, escalationId: row.id };
		const event = fakeEvent({ path: `/referrals/${referralId}/escalations/${row.id}/summary.pdf`, auth: auth.yw });
		const response = (await pdfGet({ ...event, params } as never)) as Response;
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
		try {
			await pdfGet({ ...fakeEvent({ path: `/referrals/${referralId}/escalations/${row.id}/summary.pdf`, auth: auth.dsl }), params } as never);
			expect.unreachable();
		} catch (e) {
			expect(isHttpError(e) && e.status).toBe(404);
		}
	});

	it('lists what is due for a youth worker', async () => {
		const data = (await dueLoad({ ...fakeEvent({ path: '/due?show=mine', auth: auth.yw }), params: {} } as never)) as { mine: boolean; list: { rows: { referralId: string }[] } };
		expect(data.mine).toBe(true);
		expect(data.list.rows.every((r) => r.referralId === referralId)).toBe(true);
		expect(data.list.rows.length).toBeGreaterThan(0);
	});
});
