import { redirect } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { reportSchools } from '$lib/server/reports/governor/report';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'report.governor');
	// A governor has one school: straight to its report.
	if (actor.role === 'governor' && actor.schoolId) redirect(303, `/reports/school/${actor.schoolId}`);
	return { schools: await reportSchools(actor) };
};
