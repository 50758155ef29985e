import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { cancelSessionSchema } from '$lib/schemas/support-session';
import { guard } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { startingForm } from '$lib/server/http/forms';
import { sessionOfService } from '$lib/server/support-sessions/common';
import { cancelSession } from '$lib/server/support-sessions/schedule';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(cancelSessionSchema);

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'session.schedule');
	const row = await sessionOfService(db(), actor, event.params.id);
	if (!row) error(404, 'Not found');
	if (row.cancelledAt) redirect(303, `/sessions/${row.id}`);
	return { sessionId: row.id, date: row.date, startTime: row.startTime, form: await startingForm(event, actor, adapter, { version: row.version, reason: '' }) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'session.schedule');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const result = await cancelSession(actor, event.params.id, form.data);
		if (result.ok || result.problem === 'cancelled') redirect(303, `/sessions/${event.params.id}`);
		if (result.problem === 'stale') return setError(form, 'reason', 'Someone changed this session after you opened this page. Check it again, then cancel it if you still need to', { status: 409 });
		error(404, 'Not found');
	}
};
