import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { ADAPTERS, autosaveSection, editableSection, saveAndContinue } from '../section.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'referral.edit');
	const page = await editableSection(actor, event.params.id, 'decision');
	return { ...page, form: await startingForm(event, actor, ADAPTERS.decision, page.section.data, { id: 'decision' }) };
};

export const actions: Actions = {
	save: async (event) => {
		const actor = await guard(event, 'referral.edit');
		return saveAndContinue(event, actor, 'decision');
	},
	autosave: async (event) => {
		const actor = await guard(event, 'referral.edit');
		return autosaveSection(event, actor, 'decision');
	}
};
