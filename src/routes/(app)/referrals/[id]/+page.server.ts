import { error, fail, redirect } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { fieldText, readForm } from '$lib/server/http/form-body';
import { scopeFor } from '$lib/server/auth/policy';
import { viewCase } from '$lib/server/referrals/case-view';
import { decideMatch } from '$lib/server/referrals/matching';
import { escalationsFor } from '$lib/server/escalations/view';
import { followUpsFor } from '$lib/server/follow-ups/view';
import { outcomePanelFor } from '$lib/server/outcomes/view';
import { triageSummaryFor } from '$lib/server/triage/summary';
import { sessionsOfCase } from '$lib/server/support-sessions/case-sessions';
import { assessmentPanelFor } from '$lib/server/assessments/view';
import { onwardReferralsFor } from '$lib/server/onward-referrals/view';
import { retentionPanelFor } from '$lib/server/retention/record';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'referral.view');
	const view = await viewCase(actor, event.params.id);
	if (!view) error(404, 'Not found');
	return {
		view,
		triage: await triageSummaryFor(actor, event.params.id),
		escalations: await escalationsFor(actor, event.params.id),
		sessions: view.state === 'draft' ? null : await sessionsOfCase(actor, event.params.id, view.progressShared),
		assessment: await assessmentPanelFor(actor, event.params.id),
		onward: await onwardReferralsFor(actor, event.params.id),
		followUps: await followUpsFor(actor, event.params.id),
		outcome: await outcomePanelFor(actor, event.params.id),
		retention: await retentionPanelFor(actor, event.params.id),
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
		const body = await readForm(event.request);
		const decision = body.get('decision');
		const proposal = fieldText(body, 'proposal').slice(0, 40);
		if (decision !== 'confirm' && decision !== 'reject') return fail(400, { matchError: 'Select whether this is the same young person' });
		if (!(await decideMatch(actor, proposal, decision))) error(404, 'Not found');
		redirect(303, `/referrals/${event.params.id}`);
	}
};
