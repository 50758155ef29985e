import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { changeRoleSchema } from '$lib/schemas/admin-users';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { schoolOptions } from '$lib/server/admin/schools';
import { changeUserRole } from '$lib/server/admin/user-changes';
import { viewUser, type UserRow } from '$lib/server/admin/users';
import type { Actions, PageServerLoad } from './$types';

function formValues(user: UserRow) {
	return { role: user.role, schoolId: user.schoolId ?? '', senior: user.senior, version: user.version };
}

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.user.edit');
	const user = await viewUser(actor, event.params.id);
	if (!user) error(404, 'Not found');
	return {
		user: { id: user.id, displayName: user.displayName },
		schools: await schoolOptions(actor),
		form: await startingForm(event, actor, zod4(changeRoleSchema), formValues(user))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'admin.user.edit');
		const form = await superValidate(event.request, zod4(changeRoleSchema));
		if (!form.valid) return fail(400, { form });
		const result = await changeUserRole(actor, event.params.id, form.data);
		if (result.ok) redirect(303, `/admin/users/${event.params.id}?done=role-changed`);
		if (result.reason === 'not-found') error(404, 'Not found');
		if (result.reason === 'refused') return setError(form, result.field === 'form' ? '' : result.field, result.message);
		// Stale: show the other person's saved version, to make the change again on top of it.
		const theirs = await superValidate(formValues(result.current), zod4(changeRoleSchema), { errors: false });
		return setError(theirs, '', result.message);
	}
};
