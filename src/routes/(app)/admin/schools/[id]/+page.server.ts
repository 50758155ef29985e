import { error, redirect } from '@sveltejs/kit';
import { formatAcademicYear } from '$lib/schemas/admin-schools';
import { guard } from '$lib/server/auth/guard';
import { setSchoolActive, viewSchool } from '$lib/server/admin/schools';
import { parseAcademicYear, rollYears } from '$lib/server/admin/school-roll';
import type { Actions, PageServerLoad } from './$types';

const DONE: Record<string, string> = {
	created: 'The school has been added.',
	updated: 'The school’s details have been changed.',
	deactivated: 'The school has been deactivated.',
	reactivated: 'The school has been reactivated.'
};

function doneMessage(url: URL): string | null {
	const done = url.searchParams.get('done') ?? '';
	const year = parseAcademicYear(url.searchParams.get('year') ?? '');
	if (done === 'roll-saved' && year !== null) return `Numbers on roll for ${formatAcademicYear(year)} have been saved.`;
	return DONE[done] ?? null;
}

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.school.view');
	const school = await viewSchool(actor, event.params.id);
	if (!school) error(404, 'Not found');
	return {
		school: { id: school.id, name: school.name, urn: school.urn, type: school.type, phase: school.phase, localAuthority: school.localAuthority, active: school.active },
		years: await rollYears(actor, school.id),
		done: doneMessage(event.url)
	};
};

export const actions: Actions = {
	deactivate: async (event) => {
		const actor = await guard(event, 'admin.school.edit');
		if (!(await setSchoolActive(actor, event.params.id, false))) error(404, 'Not found');
		redirect(303, `/admin/schools/${event.params.id}?done=deactivated`);
	},
	reactivate: async (event) => {
		const actor = await guard(event, 'admin.school.edit');
		if (!(await setSchoolActive(actor, event.params.id, true))) error(404, 'Not found');
		redirect(303, `/admin/schools/${event.params.id}?done=reactivated`);
	}
};
