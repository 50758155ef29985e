import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { ADAPTERS, autosaveSection, editableSection, saveAndContinue } from '../section.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'referral.edit');
	const page = await editableSection(actor, event.params.id, 'family');
	return { ...page, form: await startingForm(event, actor, ADAPTERS.family, page.section.data, { id: 'family' }) };
};

export const actions: Actions = {
	save: async (event) => {
		const actor = await guard(event, 'referral.edit');
		return saveAndContinue(event, actor, 'family');
	},
	autosave: async (event) => {
		const actor = await guard(event, 'referral.edit');
		return autosaveSection(event, actor, 'family');
	}
};
