import { fail } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { newUserSchema } from '$lib/schemas/admin-users';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { schoolOptions } from '$lib/server/admin/schools';
import { createUser } from '$lib/server/admin/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.user.edit');
	return { form: await startingForm(event, actor, zod4(newUserSchema)), schools: await schoolOptions(actor) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'admin.user.edit');
		const form = await superValidate(event.request, zod4(newUserSchema));
		if (!form.valid) return fail(400, { form });
		const result = await createUser(actor, form.data);
		if (!result.ok) return setError(form, result.field, result.message);
		// The link is shown here once, not stored: only its hash is kept (and it is also emailed).
		return { form, created: { userId: result.userId, email: form.data.email.trim().toLowerCase(), link: result.link } };
	}
};
