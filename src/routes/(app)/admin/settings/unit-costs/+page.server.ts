import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { readPounds, unitCostsSchema } from '$lib/schemas/admin-settings';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { db } from '$lib/server/db';
import { readSetting, setSetting } from '$lib/server/settings/settings';
import { refuse } from '../refuse';
import type { Actions, PageServerLoad } from './$types';

async function current(serviceId: string) {
	const { value, version } = await readSetting(db(), serviceId, 'unitCosts');
	return {
		version,
		suspensionDayPounds: String(value.suspensionDay.pounds),
		suspensionDaySource: value.suspensionDay.source,
		permanentExclusionPounds: String(value.permanentExclusion.pounds),
		permanentExclusionSource: value.permanentExclusion.source
	};
}

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.settings.view');
	return { form: await startingForm(event, actor, zod4(unitCostsSchema), await current(actor.serviceId)) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'admin.settings.edit');
		const form = await superValidate(event.request, zod4(unitCostsSchema));
		if (!form.valid) return fail(400, { form });
		const value = {
			suspensionDay: { pounds: readPounds(form.data.suspensionDayPounds), source: form.data.suspensionDaySource },
			permanentExclusion: { pounds: readPounds(form.data.permanentExclusionPounds), source: form.data.permanentExclusionSource }
		};
		const result = await setSetting(actor, 'unitCosts', value, form.data.version);
		if (!result.ok) return refuse(form, result, () => current(actor.serviceId));
		redirect(303, '/admin/settings?saved=unit-costs');
	}
};
