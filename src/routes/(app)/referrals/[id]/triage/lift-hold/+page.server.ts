import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { reasonSchema } from '$lib/schemas/referral/actions';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { liftHold, triageForEdit } from '$lib/server/triage/triage';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(reasonSchema);

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'triage.record');
	const view = await triageForEdit(actor, event.params.id);
	if (!view) error(404, 'Not found');
	if (!view.onHold) redirect(303, `/referrals/${event.params.id}`);
	return {
		referralId: view.referralId,
		displayName: view.displayName,
		form: await startingForm(event, actor, adapter, { reason: '', version: view.referralVersion })
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'triage.record');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const result = await liftHold(actor, event.params.id, form.data.reason, form.data.version);
		if (result.ok) redirect(303, `/referrals/${event.params.id}`);
		if (result.problem === 'not-found') error(404, 'Not found');
		if (result.problem === 'stale') return setError(form, 'reason', 'Someone changed this case after you opened this page. Check it again, then lift the hold if you still need to', { status: 409 });
		if (result.problem === 'reason-required') return setError(form, 'reason', 'Enter the reason');
		return setError(form, 'reason', 'This case is no longer on hold');
	}
};
