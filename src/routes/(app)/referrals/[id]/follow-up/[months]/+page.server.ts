import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { followUpFormSchema, followUpProblems } from '$lib/schemas/follow-up';
import { guard } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { followUpPage, formValues, monthsParam } from '$lib/server/follow-ups/page';
import { addProviderPolice, FOLLOW_UP_STALE, followUpFor, modeFor, recordFollowUp } from '$lib/server/follow-ups/record';
import { startingForm } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(followUpFormSchema);

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'follow-up.record');
	const months = monthsParam(event.params.months);
	const page = months ? await followUpPage(actor, event.params.id, months) : null;
	if (!page) error(404, 'Not found');
	return { followUp: page.view, form: await startingForm(event, actor, adapter, formValues(page.row)) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'follow-up.record');
		const months = monthsParam(event.params.months);
		const found = months ? await followUpFor(db(), actor, event.params.id, months) : null;
		if (!months || !found) error(404, 'Not found');
		const form = await superValidate(event.request, adapter);
		const mode = modeFor(actor, found.followUp);
		if (mode === 'not-due' || mode === 'read-only') return setError(form, '', 'This follow-up cannot be recorded now', { status: 409 });
		if (!form.valid) return fail(400, { form });
		const problems = followUpProblems(mode, form.data);
		if (problems.length > 0) {
			for (const p of problems) setError(form, p.field, p.message);
			return fail(400, { form });
		}
		const result = mode === 'provider-police' ? await addProviderPolice(actor, event.params.id, months, form.data) : await recordFollowUp(actor, event.params.id, months, form.data);
		if (result.ok) redirect(303, `/referrals/${event.params.id}?saved=follow-up#follow-ups`);
		if (result.problem === 'not-found') error(404, 'Not found');
		// Stale or no longer open: show what is saved now, to check and save again on top of it.
		const now = await followUpFor(db(), actor, event.params.id, months);
		if (!now) error(404, 'Not found');
		const theirs = await superValidate(formValues(now.followUp), adapter, { errors: false });
		return setError(theirs, '', FOLLOW_UP_STALE, { status: 409 });
	}
};
