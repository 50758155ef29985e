import { error, redirect } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { viewCase } from '$lib/server/referrals/case-view';
import { discardDraft } from '$lib/server/referrals/drafts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'referral.discard');
	const view = await viewCase(actor, event.params.id);
	if (!view || view.state !== 'draft') error(404, 'Not found');
	return { id: view.id, displayName: view.displayName };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'referral.discard');
		if (!(await discardDraft(actor, event.params.id))) error(404, 'Not found');
		redirect(303, '/home?discarded=1');
	}
};
