import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { onwardReferralSchema } from '$lib/schemas/onward-referral';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { ONWARD_STALE, updateOnwardReferral } from '$lib/server/onward-referrals/onward-referrals';
import { onwardForEdit, onwardFormValues } from '$lib/server/onward-referrals/view';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(onwardReferralSchema);

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'onward.record');
	const found = await onwardForEdit(actor, event.params.id, event.params.onwardId);
	if (!found) error(404, 'Not found');
	return {
		view: { referralId: found.referralId, displayName: found.displayName, recordable: found.recordable, toService: found.row.toService },
		form: await startingForm(event, actor, adapter, onwardFormValues(found.row))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'onward.record');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const result = await updateOnwardReferral(actor, event.params.id, event.params.onwardId, form.data);
		if (result.ok) redirect(303, `/referrals/${event.params.id}#onward`);
		if (result.problem === 'not-found') error(404, 'Not found');
		if (result.problem === 'invalid') return setError(form, 'referredDay', 'Enter the date of the referral');
		if (result.problem === 'stale') {
			// Show the other person's saved version, to make the changes again on top of it.
			const theirs = await superValidate(onwardFormValues(result.current), adapter, { errors: false });
			return setError(theirs, '', ONWARD_STALE, { status: 409 });
		}
		return setError(form, '', 'This onward referral cannot be changed now: the case is closed.', { status: 409 });
	}
};
