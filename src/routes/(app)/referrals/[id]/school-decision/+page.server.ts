import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate, type FormPath } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { schoolDecisionSchema, type SchoolDecisionForm } from '$lib/schemas/triage';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { recordSchoolDecision, schoolDecisionForEdit } from '$lib/server/triage/fallback';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(schoolDecisionSchema);

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'referral.fallback-decision');
	const view = await schoolDecisionForEdit(actor, event.params.id);
	if (!view) error(404, 'Not found');
	if (!view.open) redirect(303, `/referrals/${event.params.id}`);
	const current = view.current;
	return {
		view,
		form: await startingForm(event, actor, adapter, {
			decision: current?.decision ?? '',
			days: current?.days ? String(current.days) : '',
			note: current?.note ?? '',
			version: view.version
		})
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'referral.fallback-decision');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const { decision, days, note, version } = form.data;
		const result = await recordSchoolDecision(actor, event.params.id, { decision, days: days ? Number(days) : null, note }, version);
		if (result.ok) redirect(303, `/referrals/${event.params.id}`);
		if (result.problem === 'not-found') error(404, 'Not found');
		if (result.problem === 'invalid') {
			for (const [field, message] of Object.entries(result.errors)) setError(form, field as FormPath<SchoolDecisionForm>, message);
			return fail(400, { form });
		}
		if (result.problem === 'stale') return setError(form, 'decision', 'Someone changed this case after you opened this page. Check it again, then record the decision', { status: 409 });
		return setError(form, 'decision', 'This case is going ahead, so there is no other decision to record');
	}
};
