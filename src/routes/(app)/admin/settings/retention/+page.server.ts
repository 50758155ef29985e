import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { retentionSettingSchema } from '$lib/schemas/admin-settings';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { db } from '$lib/server/db';
import { refreshServiceRetention } from '$lib/server/retention/refresh';
import { readSetting, setSetting } from '$lib/server/settings/settings';
import { refuse } from '../refuse';
import type { Actions, PageServerLoad } from './$types';

async function current(serviceId: string) {
	const { value, version } = await readSetting(db(), serviceId, 'retention');
	return { diversionYears: String(value.diversionYears), version };
}

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.settings.view');
	return { form: await startingForm(event, actor, zod4(retentionSettingSchema), await current(actor.serviceId)) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'admin.settings.edit');
		const form = await superValidate(event.request, zod4(retentionSettingSchema));
		if (!form.valid) return fail(400, { form });
		const diversionYears = Number(form.data.diversionYears);
		// Closed cases' review dates follow the new period in the same transaction (DOMAIN.md §7).
		const result = await setSetting(actor, 'retention', { diversionYears }, form.data.version, (tx) => refreshServiceRetention(tx, actor.serviceId, diversionYears));
		if (!result.ok) return refuse(form, result, () => current(actor.serviceId));
		redirect(303, '/admin/settings?saved=retention');
	}
};
