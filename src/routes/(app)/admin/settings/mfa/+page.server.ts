import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { mfaSchema } from '$lib/schemas/admin-settings';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { db } from '$lib/server/db';
import { readSetting, setSetting } from '$lib/server/settings/settings';
import { refuse } from '../refuse';
import type { Actions, PageServerLoad } from './$types';

async function current(serviceId: string) {
	const { value, version } = await readSetting(db(), serviceId, 'requireMfaForOversight');
	return { requirement: value ? ('required' as const) : ('optional' as const), version };
}

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.settings.view');
	return { form: await startingForm(event, actor, zod4(mfaSchema), await current(actor.serviceId)) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'admin.settings.edit');
		const form = await superValidate(event.request, zod4(mfaSchema));
		if (!form.valid) return fail(400, { form });
		const result = await setSetting(actor, 'requireMfaForOversight', form.data.requirement === 'required', form.data.version);
		if (!result.ok) return refuse(form, result, () => current(actor.serviceId));
		redirect(303, '/admin/settings?saved=mfa');
	}
};
