import { guard } from '$lib/server/auth/guard';
import { retentionList, type RetentionListView } from '$lib/server/retention/list';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.retention.list');
	const view: RetentionListView = event.url.searchParams.get('view') === 'held' ? 'held' : 'due';
	const after = (event.url.searchParams.get('after') ?? '').slice(0, 60) || null;
	const page = await retentionList(actor, view, after);
	return {
		view,
		rows: page.rows,
		nextHref: page.next ? `/admin/retention?${new URLSearchParams({ view, after: page.next })}` : null,
		firstHref: after ? `/admin/retention?view=${view}` : null,
		deleted: event.url.searchParams.get('deleted') === '1'
	};
};
