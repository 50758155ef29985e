import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { codeSchema } from '$lib/schemas/auth';
import { guard, safeNext } from '$lib/server/auth/guard';
import { stepUp } from '$lib/server/auth/mfa';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await guard(event, 'auth.step-up');
	return { form: await superValidate(zod4(codeSchema)) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'auth.step-up');
		const form = await superValidate(event.request, zod4(codeSchema));
		if (!form.valid) return fail(400, { form });
		const result = await stepUp(db(), actor, form.data.code);
		if (result !== 'ok') {
			return setError(form, 'code', result === 'throttled' ? 'Too many attempts. Wait 15 minutes, then try again' : 'The code is not right, or was used already. Wait for a new code and try again');
		}
		redirect(303, safeNext(event.url.searchParams.get('next')) ?? '/home');
	}
};
