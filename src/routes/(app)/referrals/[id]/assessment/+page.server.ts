import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { setError, superValidate, type FormPath } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { assessmentSchema, type AssessmentForm } from '$lib/schemas/assessment';
import type { Actor } from '$lib/server/auth/actor';
import { guard } from '$lib/server/auth/guard';
import { ASSESSMENT_STALE, saveAssessment } from '$lib/server/assessments/record';
import { assessmentForEdit } from '$lib/server/assessments/view';
import { startingForm } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(assessmentSchema);

const MOVED_ON = 'This case has moved on since you opened this page, so the assessment cannot be saved here. Go back to the case to see where it is.';
const COMPLETED = 'This assessment is complete. Change it with “Save changes”, which checks it is still complete.';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'assessment.record');
	const view = await assessmentForEdit(actor, event.params.id);
	if (!view) error(404, 'Not found');
	return { view, form: await startingForm(event, actor, adapter, view.initial) };
};

/** Both buttons post the same form; the domain decides what each may do. */
async function save(event: RequestEvent<{ id: string }>, actor: Actor, mode: 'draft' | 'complete') {
	const form = await superValidate(event.request, adapter);
	if (!form.valid) return fail(400, { form });
	const result = await saveAssessment(actor, event.params.id, form.data, mode);
	if (result.ok) {
		if (result.outcome !== 'draft') redirect(303, `/referrals/${event.params.id}#assessment`);
		form.data.version = result.version;
		return { form, saved: true };
	}
	switch (result.problem) {
		case 'not-found':
			error(404, 'Not found');
		case 'invalid':
			for (const [field, message] of Object.entries(result.errors)) setError(form, field as FormPath<AssessmentForm>, message);
			return fail(400, { form });
		case 'stale':
			// Keep what this person typed; the next save is checked against the other person's version.
			setError(form, '', ASSESSMENT_STALE);
			form.data.version = result.version;
			return fail(409, { form, conflict: result.theirs });
		case 'completed-already':
			return setError(form, '', COMPLETED, { status: 409 });
		default:
			return setError(form, '', MOVED_ON, { status: 409 });
	}
}

export const actions: Actions = {
	draft: async (event) => {
		const actor = await guard(event, 'assessment.record');
		return save(event, actor, 'draft');
	},
	complete: async (event) => {
		const actor = await guard(event, 'assessment.record');
		return save(event, actor, 'complete');
	}
};
