import { error, fail, redirect } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { scopeFor } from '$lib/server/auth/policy';
import { viewCase } from '$lib/server/referrals/case-view';
import { decideMatch } from '$lib/server/referrals/matching';
import { escalationsFor } from '$lib/server/escalations/view';
import { outcomePanelFor } from '$lib/server/outcomes/view';
import { triageSummaryFor } from '$lib/server/triage/summary';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'referral.view');
	const view = await viewCase(actor, event.params.id);
	if (!view) error(404, 'Not found');
	return {
		view,
		triage: await triageSummaryFor(actor, event.params.id),
		escalations: await escalationsFor(actor, event.params.id),
		outcome: await outcomePanelFor(actor, event.params.id),
		isSchool: actor.role === 'dsl' || actor.role === 'deputy_dsl',
		isYouthWorker: actor.role === 'youth_worker',
		canDownloadPdf: scopeFor('referral.export-pdf', actor.role) !== null,
		saved: event.url.searchParams.get('saved'),
		submitted: event.url.searchParams.has('submitted')
	};
};

export const actions: Actions = {
	match: async (event) => {
		const actor = await guard(event, 'referral.match');
		const body = await event.request.formData();
		const decision = body.get('decision');
		const proposal = String(body.get('proposal') ?? '').slice(0, 40);
		if (decision !== 'confirm' && decision !== 'reject') return fail(400, { matchError: 'Select whether this is the same young person' });
		if (!(await decideMatch(actor, proposal, decision))) error(404, 'Not found');
		redirect(303, `/referrals/${event.params.id}`);
	}
};
