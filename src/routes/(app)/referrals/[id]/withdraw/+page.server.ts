import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { reasonSchema } from '$lib/schemas/referral/actions';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { viewCase } from '$lib/server/referrals/case-view';
import { withdrawReferral } from '$lib/server/referrals/withdraw';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(reasonSchema);

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'referral.withdraw');
	const view = await viewCase(actor, event.params.id);
	if (!view || !view.canWithdraw) error(404, 'Not found');
	return { view, form: await startingForm(event, actor, adapter, { reason: '', version: view.version }) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'referral.withdraw');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const result = await withdrawReferral(actor, event.params.id, form.data.reason, form.data.version);
		if (result.ok) redirect(303, `/referrals/${event.params.id}`);
		if (result.problem === 'not-found') error(404, 'Not found');
		if (result.problem === 'stale') return setError(form, 'reason', 'Someone changed this referral after you opened this page. Check it again, then withdraw it if you still need to', { status: 409 });
		return setError(form, 'reason', 'This referral can no longer be withdrawn');
	}
};
