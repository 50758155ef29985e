import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { sessionSchema } from '$lib/schemas/support-session';
import { guard } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { startingForm } from '$lib/server/http/forms';
import { addAttendee } from '$lib/server/support-sessions/attendees';
import { moduleOptions } from '$lib/server/support-sessions/modules';
import { scheduleSession } from '$lib/server/support-sessions/schedule';
import { caseForYouthWorker, youthWorkersOf } from '$lib/server/triage/case';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(sessionSchema);

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'session.schedule');
	// Scheduling from a case (a 1:1 after a review): the case must be one of the service's.
	const forCase = event.url.searchParams.get('referral')?.slice(0, 40) ?? '';
	const referral = forCase ? await caseForYouthWorker(db(), actor, forCase) : null;
	if (forCase && !referral) error(404, 'Not found');
	const oneToOne = event.url.searchParams.get('kind') === 'one_to_one';
	return {
		forCase: referral ? { id: referral.id, displayName: referral.displayName || 'Referral' } : null,
		facilitators: await youthWorkersOf(db(), actor.serviceId),
		modules: await moduleOptions(db(), actor.serviceId, null),
		form: await startingForm(event, actor, adapter, { facilitatorId: actor.userId, forReferral: referral?.id ?? '', ...(oneToOne ? { kind: 'one_to_one' as const } : {}) })
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'session.schedule');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const result = await scheduleSession(actor, form.data);
		if (result.ok) {
			if (form.data.forReferral) await addAttendee(actor, result.id, form.data.forReferral);
			redirect(303, `/sessions/${result.id}`);
		}
		if (result.problem === 'invalid') return setError(form, result.field === 'modules' ? 'modules._errors' : (result.field as Exclude<keyof typeof form.data, 'modules'>), result.message);
		error(404, 'Not found');
	}
};
