import { error } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { subjectView } from '$lib/server/subject-access/search';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.subject-access.search');
	const subject = await subjectView(actor, event.params.id);
	if (!subject) error(404, 'Not found');
	return { subject };
};
