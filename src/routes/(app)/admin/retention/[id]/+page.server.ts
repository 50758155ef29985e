import { error } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { retentionView } from '$lib/server/retention/record';
import type { PageServerLoad } from './$types';

const DONE: Record<string, string> = {
	extended: 'Review date extended',
	held: 'Legal hold placed',
	lifted: 'Legal hold lifted'
};

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.retention.view');
	const record = await retentionView(actor, event.params.id);
	if (!record) error(404, 'Not found');
	return { record, done: DONE[event.url.searchParams.get('done') ?? ''] ?? null };
};
