import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { checkDate } from '$lib/schemas/fields';
import { extendReviewSchema } from '$lib/schemas/retention';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { extendReview, retentionView } from '$lib/server/retention/record';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(extendReviewSchema);
const STALE = 'Someone changed this record after you opened this page. Check it again, then make your change';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.retention.extend');
	const record = await retentionView(actor, event.params.id);
	if (!record?.closedOn) error(404, 'Not found');
	return { record, form: await startingForm(event, actor, adapter, { version: record.version }) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'admin.retention.extend');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const date = checkDate(form.data.reviewOnDay, form.data.reviewOnMonth, form.data.reviewOnYear, 'new review date');
		if (!date.ok) return setError(form, 'reviewOnDay', date.message);
		const result = await extendReview(actor, event.params.id, date.iso, form.data.reason, form.data.version);
		if (result.ok) redirect(303, `/admin/retention/${event.params.id}?done=extended`);
		if (result.problem === 'not-found') error(404, 'Not found');
		if (result.problem === 'invalid') return setError(form, 'reviewOnDay', result.message);
		return setError(form, 'reason', result.problem === 'stale' ? STALE : 'This record’s review date cannot be changed now', { status: 409 });
	}
};
