import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { certificateIssueSchema } from '$lib/schemas/outcome';
import { guard } from '$lib/server/auth/guard';
import { certificateForIssue, issueCertificate } from '$lib/server/certificates/issue';
import { startingForm } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(certificateIssueSchema);

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'certificate.issue');
	const view = await certificateForIssue(actor, event.params.id);
	if (!view) error(404, 'Not found');
	if (!view.open) redirect(303, `/referrals/${event.params.id}#outcome`);
	return { view, form: await startingForm(event, actor, adapter, { name: view.suggestedName }) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'certificate.issue');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const result = await issueCertificate(actor, event.params.id, form.data.name);
		if (result.ok) redirect(303, `/referrals/${event.params.id}#outcome`);
		if (result.problem === 'not-found') error(404, 'Not found');
		if (result.problem === 'unprintable') return setError(form, 'name', result.message);
		return setError(form, 'name', 'A certificate can be issued only for a completed outcome, once');
	}
};
