import { redirect } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { startReferral } from '$lib/server/referrals/drafts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await guard(event, 'referral.create');
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'referral.create');
		const id = await startReferral(actor);
		redirect(303, `/referrals/${id}/section/safety`);
	}
};
