import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { ADAPTERS, autosaveSection, editableSection, saveAndContinue } from '../section.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'referral.edit');
	const page = await editableSection(actor, event.params.id, 'safety');
	return { ...page, form: await startingForm(event, actor, ADAPTERS.safety, page.section.data, { id: 'safety' }) };
};

export const actions: Actions = {
	save: async (event) => {
		const actor = await guard(event, 'referral.edit');
		return saveAndContinue(event, actor, 'safety');
	},
	autosave: async (event) => {
		const actor = await guard(event, 'referral.edit');
		return autosaveSection(event, actor, 'safety');
	}
};
