import { guard } from '$lib/server/auth/guard';
import { listSessions } from '$lib/server/support-sessions/lists';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'session.list');
	const query = event.url.searchParams;
	const filter = {
		when: query.get('when') === 'past' ? ('past' as const) : ('upcoming' as const),
		mine: query.get('mine') === 'yes',
		after: query.get('after')?.slice(0, 60) || null
	};
	return { filter, list: await listSessions(actor, filter), scheduled: query.has('scheduled') };
};
