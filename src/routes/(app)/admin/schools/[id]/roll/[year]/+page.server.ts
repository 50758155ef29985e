import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { rollSchema } from '$lib/schemas/admin-schools';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { parseAcademicYear, saveRoll, viewRoll } from '$lib/server/admin/school-roll';
import type { Actions, PageServerLoad } from './$types';

function yearOf(value: string): number {
	const year = parseAcademicYear(value);
	if (year === null) error(404, 'Not found');
	return year;
}

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.school.roll');
	const roll = await viewRoll(actor, event.params.id, yearOf(event.params.year));
	if (!roll) error(404, 'Not found');
	return {
		school: roll.school,
		year: roll.year,
		label: roll.label,
		form: await startingForm(event, actor, zod4(rollSchema), roll.values)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'admin.school.roll');
		const year = yearOf(event.params.year);
		const form = await superValidate(event.request, zod4(rollSchema));
		if (!form.valid) return fail(400, { form });
		if (!(await saveRoll(actor, event.params.id, year, form.data))) error(404, 'Not found');
		redirect(303, `/admin/schools/${event.params.id}?done=roll-saved&year=${year}`);
	}
};
