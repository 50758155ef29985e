import { CASE_STATES, type CaseState } from '$lib/case-states';
import { guard } from '$lib/server/auth/guard';
import { homeFor } from '$lib/server/home/home';
import { schoolHome } from '$lib/server/home/school-home';
import { isSchoolActor } from '$lib/server/referrals/scope';
import { renderSection, sectionForPage } from '$lib/server/render/kept-section';
import SchoolHome from './SchoolHome.svelte';
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
	// Searching, filtering or paging the list shows the list alone, right under the form: the panels of
	// what is due (follow-ups to record, sessions to release pupils for) belong to the home view.
	const listing = Boolean(filter.state || filter.search || filter.after);
	if (isSchoolActor(actor)) {
		const page = await schoolHome(actor, filter, listing, (data) => renderSection(SchoolHome, { data }));
		return {
			home: { kind: 'school' as const, programmeName: page.programmeName },
			schoolHome: sectionForPage(event, page.body),
			discarded: query.has('discarded')
		};
	}
	return {
		home: await homeFor(actor, filter, { panels: !listing }),
		discarded: query.has('discarded')
	};
};
