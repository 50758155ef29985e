import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { newPasswordSchema } from '$lib/schemas/auth';
import { clientAddress, guard } from '$lib/server/auth/guard';
import { findPasswordLink, setPasswordWithLink } from '$lib/server/users/links';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await guard(event, 'public.set-password');
	const link = await findPasswordLink(db(), event.params.token);
	return { valid: link !== null, email: link?.email ?? null, form: await superValidate(zod4(newPasswordSchema)) };
};

export const actions: Actions = {
	default: async (event) => {
		await guard(event, 'public.set-password');
		const form = await superValidate(event.request, zod4(newPasswordSchema));
		if (!form.valid) return fail(400, { form });
		const result = await setPasswordWithLink(db(), event.params.token, form.data.password, clientAddress(event));
		form.data.password = '';
		form.data.confirm = '';
		if (!result.ok) return setError(form, 'password', result.message);
		redirect(303, '/sign-in?password-set=1');
	}
};
