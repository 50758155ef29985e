import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { submitSchema } from '$lib/schemas/referral/actions';
import { guard } from '$lib/server/auth/guard';
import { viewCase } from '$lib/server/referrals/case-view';
import { problemsBeforeSubmit, submitReferral } from '$lib/server/referrals/submit';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(submitSchema);

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'referral.submit');
	const view = await viewCase(actor, event.params.id);
	if (!view || view.state !== 'draft') error(404, 'Not found');
	return { view, problems: (await problemsBeforeSubmit(actor, event.params.id)) ?? [], form: await superValidate({ version: view.version }, adapter) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'referral.submit');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const result = await submitReferral(actor, event.params.id, form.data.version);
		if (result.ok) redirect(303, `/referrals/${event.params.id}?submitted=1`);
		if (result.problem === 'not-found') error(404, 'Not found');
		if (result.problem === 'incomplete') return fail(400, { form, problems: result.problems });
		return fail(409, { form, stale: true });
	}
};
