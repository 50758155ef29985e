import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { schoolSchema } from '$lib/schemas/admin-schools';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { createSchool } from '$lib/server/admin/schools';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.school.edit');
	return { form: await startingForm(event, actor, zod4(schoolSchema)) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'admin.school.edit');
		const form = await superValidate(event.request, zod4(schoolSchema));
		if (!form.valid) return fail(400, { form });
		const result = await createSchool(actor, form.data);
		if (!result.ok) return setError(form, result.field, result.message);
		redirect(303, `/admin/schools/${result.schoolId}?done=created`);
	}
};
