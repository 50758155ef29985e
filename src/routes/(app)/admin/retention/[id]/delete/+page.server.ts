import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { deleteRecordSchema } from '$lib/schemas/retention';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { deleteRecord, deletionPreview } from '$lib/server/retention/delete';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(deleteRecordSchema);
const REFUSED = {
	held: 'The record is on legal hold. Lift the hold before deleting it',
	'not-due': 'The record is not due for review yet, so it cannot be deleted',
	open: 'The case is not closed, so its record cannot be deleted',
	stale: 'Someone changed this record after you opened this page. Check it again before deleting it'
} as const;

/** Check what will go, then delete (DOMAIN.md §7). The guard asks for a fresh authenticator code first. */
export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.retention.delete');
	const preview = await deletionPreview(actor, event.params.id);
	if (!preview) error(404, 'Not found');
	return { preview, form: await startingForm(event, actor, adapter, { version: preview.version }) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'admin.retention.delete');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const result = await deleteRecord(actor, event.params.id, form.data.version);
		if (result.ok) redirect(303, '/admin/retention?deleted=1');
		if (result.problem === 'not-found') error(404, 'Not found');
		return setError(form, '', REFUSED[result.problem], { status: 409 });
	}
};
