import { error, fail, redirect } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { fieldText, readForm } from '$lib/server/http/form-body';
import { casePage } from '$lib/server/referrals/case-page';
import { decideMatch } from '$lib/server/referrals/matching';
import { renderSection, sectionForPage } from '$lib/server/render/kept-section';
import CaseBody from './CaseBody.svelte';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'referral.view');
	const page = await casePage(actor, event.params.id, (data) => renderSection(CaseBody, { data }));
	if (!page) error(404, 'Not found');
	return {
		heading: page.heading,
		body: sectionForPage(event, page.body),
		saved: event.url.searchParams.get('saved'),
		submitted: event.url.searchParams.has('submitted')
	};
};

export const actions: Actions = {
	match: async (event) => {
		const actor = await guard(event, 'referral.match');
		const body = await readForm(event.request);
		const decision = body.get('decision');
		const proposal = fieldText(body, 'proposal').slice(0, 40);
		if (decision !== 'confirm' && decision !== 'reject') return fail(400, { matchError: 'Select whether this is the same young person' });
		if (!(await decideMatch(actor, proposal, decision))) error(404, 'Not found');
		redirect(303, `/referrals/${event.params.id}`);
	}
};
