import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { newEscalationSchema } from '$lib/schemas/escalation';
import { guard } from '$lib/server/auth/guard';
import { createEscalation } from '$lib/server/escalations/escalations';
import { escalationCase } from '$lib/server/escalations/view';
import { startingForm } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(newEscalationSchema);

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'escalation.record');
	const referral = await escalationCase(actor, event.params.id);
	if (!referral) error(404, 'Not found');
	return { referral, isSchool: actor.role !== 'youth_worker', form: await startingForm(event, actor, adapter) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'escalation.record');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const result = await createEscalation(actor, event.params.id, form.data);
		if (result.ok) redirect(303, `/referrals/${event.params.id}#escalations`);
		if (result.problem === 'not-found') error(404, 'Not found');
		if (result.problem === 'invalid') return setError(form, result.field as keyof typeof form.data & string, result.message);
		return setError(form, result.message);
	}
};
