import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { legalHoldSchema } from '$lib/schemas/retention';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { liftLegalHold, placeLegalHold, retentionView } from '$lib/server/retention/record';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(legalHoldSchema);

/** One page places a legal hold on a record, or lifts the one it has (DOMAIN.md §7), with a reason. */
export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.retention.hold');
	const record = await retentionView(actor, event.params.id);
	if (!record) error(404, 'Not found');
	return { record, form: await startingForm(event, actor, adapter, { version: record.version }) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'admin.retention.hold');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const lift = event.url.searchParams.get('lift') === '1';
		const result = await (lift ? liftLegalHold : placeLegalHold)(actor, event.params.id, form.data.reason, form.data.version);
		if (result.ok) redirect(303, `/admin/retention/${event.params.id}?done=${lift ? 'lifted' : 'held'}`);
		if (result.problem === 'not-found') error(404, 'Not found');
		return setError(form, 'reason', 'Someone changed the legal hold after you opened this page. Check the record again, then make your change', { status: 409 });
	}
};
