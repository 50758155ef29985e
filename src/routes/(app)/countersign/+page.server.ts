import { fail, redirect } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { fieldText, readForm } from '$lib/server/http/form-body';
import { countersignDecision, listAwaitingCountersign, maySign } from '$lib/server/triage/countersign';
import type { Actions, PageServerLoad } from './$types';

const PROBLEMS = {
	'not-found': 'That decision is no longer waiting to be countersigned',
	'not-senior': 'Only a senior youth worker or a provider admin can countersign',
	'own-decision': 'Someone other than the person who made the decision must countersign it',
	'already-countersigned': 'Someone has already countersigned that decision',
	'too-long': 'The comment must be 2,000 characters or fewer'
} as const;

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'triage.countersign-list');
	return { items: await listAwaitingCountersign(actor), canSign: maySign(actor), signed: event.url.searchParams.has('signed') };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'triage.countersign');
		const body = await readForm(event.request);
		const id = fieldText(body, 'id').slice(0, 40);
		const comment = fieldText(body, 'comment').slice(0, 4000);
		const result = await countersignDecision(actor, id, comment);
		if (!result.ok) return fail(result.problem === 'not-found' ? 404 : 400, { id, comment, problem: PROBLEMS[result.problem] });
		redirect(303, '/countersign?signed=1');
	}
};
