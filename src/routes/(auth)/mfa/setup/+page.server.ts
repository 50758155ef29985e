import { fail, redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { codeSchema } from '$lib/schemas/auth';
import { guard } from '$lib/server/auth/guard';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { completeEnrolment, pendingTotpKey } from '$lib/server/auth/mfa';
import { totpKeyForDisplay, totpUri } from '$lib/server/auth/totp';
import { accountEmail } from '$lib/server/users/users';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'auth.mfa-setup');
	if (actor.mfaEnrolled) redirect(303, '/mfa');
	const key = await pendingTotpKey(db(), actor.userId);
	const uri = totpUri('Divert for Schools', await accountEmail(actor.userId), key);
	return {
		form: await superValidate(zod4(codeSchema)),
		qr: await QRCode.toDataURL(uri, { margin: 1, width: 200 }),
		manualKey: totpKeyForDisplay(key)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'auth.mfa-setup');
		if (actor.mfaEnrolled) redirect(303, '/mfa');
		const form = await superValidate(event.request, zod4(codeSchema));
		if (!form.valid) return fail(400, { form });
		const result = await completeEnrolment(db(), actor, form.data.code, { address: actor.address, userAgent: event.request.headers.get('user-agent') ?? '' });
		if (!result.ok) {
			return setError(form, 'code', result.reason === 'throttled' ? 'Too many attempts. Wait 15 minutes, then try again' : 'The code is not right. Check the time on your phone is set automatically, then enter the newest code');
		}
		setSessionCookie(event.cookies, result.token);
		return { form, recoveryCodes: result.recoveryCodes };
	}
};
