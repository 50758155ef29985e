import { fail, redirect } from '@sveltejs/kit';
import { superValidate, setError } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { signInSchema } from '$lib/schemas/auth';
import { clientAddress, guard, safeNext } from '$lib/server/auth/guard';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { signIn } from '$lib/server/auth/sign-in';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'public.sign-in');
	if (actor) redirect(303, '/home');
	return {
		form: await superValidate(zod4(signInSchema)),
		timedOut: event.url.searchParams.has('timeout'),
		signedOut: event.url.searchParams.has('signed-out'),
		passwordSet: event.url.searchParams.has('password-set')
	};
};

export const actions: Actions = {
	default: async (event) => {
		await guard(event, 'public.sign-in');
		const form = await superValidate(event.request, zod4(signInSchema));
		if (!form.valid) return fail(400, { form });
		const result = await signIn(db(), {
			email: form.data.email,
			password: form.data.password,
			address: clientAddress(event),
			userAgent: event.request.headers.get('user-agent') ?? ''
		});
		form.data.password = '';
		if (!result.ok) {
			const message =
				result.reason === 'throttled'
					? 'Too many attempts to sign in. Wait 15 minutes, then try again'
					: 'Enter a correct email address and password';
			return setError(form, 'email', message);
		}
		setSessionCookie(event.cookies, result.token);
		redirect(303, safeNext(event.url.searchParams.get('next')) ?? '/home');
	}
};
