import { CASE_STATES, type CaseState } from '$lib/case-states';
import { guard } from '$lib/server/auth/guard';
import { homeFor } from '$lib/server/home/home';
import { upcomingForSchool } from '$lib/server/support-sessions/lists';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'app.home');
	const query = event.url.searchParams;
	const state = query.get('state');
	const filter = {
		state: state && (CASE_STATES as readonly string[]).includes(state) ? (state as CaseState) : null,
		search: query.get('q')?.slice(0, 100) || null,
		after: query.get('after')?.slice(0, 60) || null
	};
	return { home: await homeFor(actor, filter), upcomingSessions: await upcomingForSchool(actor), discarded: query.has('discarded') };
};
