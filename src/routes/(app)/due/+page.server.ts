import { guard } from '$lib/server/auth/guard';
import { listDue } from '$lib/server/escalations/due-list';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'timers.due-list');
	const mine = event.url.searchParams.get('show') === 'mine';
	const after = event.url.searchParams.get('after')?.slice(0, 60) ?? null;
	return { mine, paged: Boolean(after), list: await listDue(actor, { mine, after }) };
};
