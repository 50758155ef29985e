import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { z } from 'zod';
import { schoolEditSchema, SCHOOL_PHASES, SCHOOL_TYPES } from '$lib/schemas/admin-schools';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { updateSchool, viewSchool, type SchoolRow } from '$lib/server/admin/schools';
import type { Actions, PageServerLoad } from './$types';

/** The form's values for a stored school (a type or phase no longer offered is left to choose again). */
function formValues(school: SchoolRow): z.input<typeof schoolEditSchema> {
	return {
		name: school.name,
		urn: school.urn,
		type: SCHOOL_TYPES.find((v) => v === school.type) ?? '',
		phase: SCHOOL_PHASES.find((v) => v === school.phase) ?? '',
		localAuthority: school.localAuthority,
		version: school.version
	};
}

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.school.edit');
	const school = await viewSchool(actor, event.params.id);
	if (!school) error(404, 'Not found');
	return {
		school: { id: school.id, name: school.name },
		form: await startingForm(event, actor, zod4(schoolEditSchema), formValues(school))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'admin.school.edit');
		const form = await superValidate(event.request, zod4(schoolEditSchema));
		if (!form.valid) return fail(400, { form });
		const result = await updateSchool(actor, event.params.id, form.data);
		if (result.ok) redirect(303, `/admin/schools/${event.params.id}?done=updated`);
		if (result.reason === 'not-found') error(404, 'Not found');
		if (result.reason === 'urn-taken') return setError(form, 'urn', result.message);
		// Stale: show the other person's saved version, to make the changes again on top of it.
		const theirs = await superValidate(formValues(result.current), zod4(schoolEditSchema), { errors: false });
		return setError(theirs, '', result.message);
	}
};
