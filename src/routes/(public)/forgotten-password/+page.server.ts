import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { forgottenPasswordSchema } from '$lib/schemas/auth';
import { clientAddress, guard } from '$lib/server/auth/guard';
import { requestPasswordReset } from '$lib/server/users/links';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await guard(event, 'public.forgotten-password');
	return { form: await superValidate(zod4(forgottenPasswordSchema)) };
};

export const actions: Actions = {
	default: async (event) => {
		await guard(event, 'public.forgotten-password');
		const form = await superValidate(event.request, zod4(forgottenPasswordSchema));
		if (!form.valid) return fail(400, { form });
		await requestPasswordReset(db(), form.data.email, clientAddress(event));
		// The same answer whether or not the address has an account, and whether or not it was throttled.
		return { form, sent: true };
	}
};
