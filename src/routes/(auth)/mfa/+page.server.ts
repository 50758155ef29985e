import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { codeSchema, recoveryCodeSchema } from '$lib/schemas/auth';
import { guard, safeNext } from '$lib/server/auth/guard';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { useRecoveryCode, verifyMfa } from '$lib/server/auth/mfa';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

const THROTTLED = 'Too many attempts. Wait 15 minutes, then try again';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'auth.mfa-verify');
	if (!actor.mfaEnrolled) redirect(303, '/mfa/setup');
	return {
		next: safeNext(event.url.searchParams.get('next')),
		form: await superValidate(zod4(codeSchema), { id: 'code' }),
		recoveryForm: await superValidate(zod4(recoveryCodeSchema), { id: 'recovery' })
	};
};

export const actions: Actions = {
	code: async (event) => {
		const actor = await guard(event, 'auth.mfa-verify');
		const form = await superValidate(event.request, zod4(codeSchema), { id: 'code' });
		if (!form.valid) return fail(400, { form });
		const result = await verifyMfa(db(), actor, form.data.code, { address: actor.address, userAgent: event.request.headers.get('user-agent') ?? '' });
		if (!result.ok) return setError(form, 'code', result.reason === 'throttled' ? THROTTLED : 'The code is not right, or was used already. Wait for a new code and try again');
		setSessionCookie(event.cookies, result.token);
		redirect(303, safeNext(event.url.searchParams.get('next')) ?? '/home');
	},
	recovery: async (event) => {
		const actor = await guard(event, 'auth.mfa-verify');
		const form = await superValidate(event.request, zod4(recoveryCodeSchema), { id: 'recovery' });
		if (!form.valid) return fail(400, { recoveryForm: form });
		const result = await useRecoveryCode(db(), actor, form.data.recoveryCode, { address: actor.address, userAgent: event.request.headers.get('user-agent') ?? '' });
		if (!result.ok) return setError(form, 'recoveryCode', result.reason === 'throttled' ? THROTTLED : 'That recovery code is not right, or was used already');
		setSessionCookie(event.cookies, result.token);
		redirect(303, '/account?recovery-used=1');
	}
};
