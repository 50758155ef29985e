import { fail } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { changePasswordSchema } from '$lib/schemas/auth';
import { guard } from '$lib/server/auth/guard';
import { fieldText, readForm } from '$lib/server/http/form-body';
import { startingForm } from '$lib/server/http/forms';
import { regenerateRecoveryCodes } from '$lib/server/auth/mfa';
import { accountView, changePassword } from '$lib/server/users/account';
import { db } from '$lib/server/db';
import { activeSessionsOf, endOtherSessions, endOwnSession } from '$lib/server/users/active-sessions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'account.view');
	return {
		account: await accountView(actor),
		sessions: await activeSessionsOf(actor),
		recoveryUsed: event.url.searchParams.has('recovery-used'),
		form: await startingForm(event, actor, zod4(changePasswordSchema), null, { id: 'password' })
	};
};

export const actions: Actions = {
	password: async (event) => {
		const actor = await guard(event, 'account.change-password');
		const form = await superValidate(event.request, zod4(changePasswordSchema), { id: 'password' });
		if (!form.valid) return fail(400, { form });
		const result = await changePassword(actor, form.data.current, form.data.password);
		form.data = { current: '', password: '', confirm: '' };
		if (!result.ok) return setError(form, result.field, result.message);
		return { form, passwordChanged: true };
	},
	endSession: async (event) => {
		const actor = await guard(event, 'account.sessions');
		const handle = fieldText(await readForm(event.request), 'session').slice(0, 64);
		const ended = await endOwnSession(actor, handle);
		return { sessionsMessage: ended ? 'That session has ended: whoever was using it must sign in again.' : 'That session had already ended.' };
	},
	endOtherSessions: async (event) => {
		const actor = await guard(event, 'account.sessions');
		const ended = await endOtherSessions(actor);
		return { sessionsMessage: ended > 0 ? 'You are signed out everywhere else.' : 'You were not signed in anywhere else.' };
	},
	codes: async (event) => {
		const actor = await guard(event, 'account.recovery-codes');
		return { recoveryCodes: await regenerateRecoveryCodes(db(), actor) };
	}
};
