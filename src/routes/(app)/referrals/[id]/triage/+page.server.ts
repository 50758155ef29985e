import { error } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { triageSummaryFor } from '$lib/server/triage/summary';
import { triageForEdit } from '$lib/server/triage/triage';
import { decide, saveAnswers, triageAdapter } from './triage-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'triage.record');
	const view = await triageForEdit(actor, event.params.id);
	if (!view) error(404, 'Not found');
	return {
		view,
		// A decided case shows its triage read-only.
		summary: view.decidable ? null : await triageSummaryFor(actor, event.params.id),
		form: await startingForm(event, actor, triageAdapter, view.initial)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const actor = await guard(event, 'triage.record');
		return saveAnswers(event, actor);
	},
	decide: async (event) => {
		const actor = await guard(event, 'triage.record');
		return decide(event, actor);
	}
};
