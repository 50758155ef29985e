import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { sessionSchema } from '$lib/schemas/support-session';
import { guard } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { startingForm } from '$lib/server/http/forms';
import { moduleOptions } from '$lib/server/support-sessions/modules';
import { editSession, SESSION_STALE } from '$lib/server/support-sessions/schedule';
import { sessionForEdit } from '$lib/server/support-sessions/view';
import { youthWorkersOf } from '$lib/server/triage/case';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(sessionSchema);

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'session.schedule');
	const found = await sessionForEdit(actor, event.params.id);
	if (!found) error(404, 'Not found');
	if (found.row.cancelledAt) redirect(303, `/sessions/${event.params.id}`);
	return {
		sessionId: found.row.id,
		facilitators: await youthWorkersOf(db(), actor.serviceId),
		modules: await moduleOptions(db(), actor.serviceId, found.row.id),
		form: await startingForm(event, actor, adapter, found.values)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'session.schedule');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const result = await editSession(actor, event.params.id, form.data);
		if (result.ok) redirect(303, `/sessions/${event.params.id}`);
		if (result.problem === 'invalid') return setError(form, result.field === 'modules' ? 'modules._errors' : (result.field as Exclude<keyof typeof form.data, 'modules'>), result.message);
		if (result.problem === 'cancelled') redirect(303, `/sessions/${event.params.id}`);
		if (result.problem === 'stale') {
			// Show the other person's saved version, to make the changes again on top of it.
			const found = await sessionForEdit(actor, event.params.id);
			if (!found) error(404, 'Not found');
			return setError(await superValidate(found.values, adapter, { errors: false }), '', SESSION_STALE, { status: 409 });
		}
		error(404, 'Not found');
	}
};
