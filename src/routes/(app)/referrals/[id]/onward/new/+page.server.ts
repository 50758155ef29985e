import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { onwardReferralSchema } from '$lib/schemas/onward-referral';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { createOnwardReferral } from '$lib/server/onward-referrals/onward-referrals';
import { onwardNewView } from '$lib/server/onward-referrals/view';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(onwardReferralSchema);

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'onward.record');
	const view = await onwardNewView(actor, event.params.id);
	if (!view) error(404, 'Not found');
	return { view, form: await startingForm(event, actor, adapter) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'onward.record');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const result = await createOnwardReferral(actor, event.params.id, form.data);
		if (result.ok) redirect(303, `/referrals/${event.params.id}#onward`);
		if (result.problem === 'not-found') error(404, 'Not found');
		if (result.problem === 'invalid') return setError(form, 'referredDay', 'Enter the date of the referral');
		return setError(form, '', 'Onward referrals cannot be recorded for this case now. Go back to the case to see where it is.', { status: 409 });
	}
};
