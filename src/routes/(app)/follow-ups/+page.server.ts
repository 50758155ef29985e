import { guard } from '$lib/server/auth/guard';
import { FOLLOW_UP_FILTERS, serviceFollowUps, type FollowUpFilterStatus } from '$lib/server/follow-ups/lists';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'follow-up.list');
	const query = event.url.searchParams;
	const status = query.get('status') ?? '';
	const filter = {
		status: (FOLLOW_UP_FILTERS.some((f) => f.value === status) ? status : '') as FollowUpFilterStatus,
		schoolId: query.get('school')?.slice(0, 40) || null,
		after: query.get('after')?.slice(0, 60) || null
	};
	return { filter, filters: FOLLOW_UP_FILTERS, list: await serviceFollowUps(actor, filter) };
};
