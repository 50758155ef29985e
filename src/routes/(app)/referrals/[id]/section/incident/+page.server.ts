import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { ADAPTERS, autosaveSection, editableSection, saveAndContinue } from '../section.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'referral.edit');
	const page = await editableSection(actor, event.params.id, 'incident');
	return { ...page, form: await startingForm(event, actor, ADAPTERS.incident, page.section.data, { id: 'incident' }) };
};

export const actions: Actions = {
	save: async (event) => {
		const actor = await guard(event, 'referral.edit');
		return saveAndContinue(event, actor, 'incident');
	},
	autosave: async (event) => {
		const actor = await guard(event, 'referral.edit');
		return autosaveSection(event, actor, 'incident');
	}
};
