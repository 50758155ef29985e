import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { smallNumbersSchema } from '$lib/schemas/admin-settings';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { db } from '$lib/server/db';
import { readSetting, setSettings } from '$lib/server/settings/settings';
import { refuse } from '../refuse';
import type { Actions, PageServerLoad } from './$types';

async function current(serviceId: string) {
	const threshold = await readSetting(db(), serviceId, 'suppressionThreshold');
	const denominator = await readSetting(db(), serviceId, 'minimumDenominator');
	return {
		thresholdVersion: threshold.version,
		denominatorVersion: denominator.version,
		suppressionThreshold: String(threshold.value),
		minimumDenominator: String(denominator.value)
	};
}

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.settings.view');
	return { form: await startingForm(event, actor, zod4(smallNumbersSchema), await current(actor.serviceId)) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'admin.settings.edit');
		const form = await superValidate(event.request, zod4(smallNumbersSchema));
		if (!form.valid) return fail(400, { form });
		const result = await setSettings(actor, [
			{ key: 'suppressionThreshold', value: Number(form.data.suppressionThreshold), expectedVersion: form.data.thresholdVersion },
			{ key: 'minimumDenominator', value: Number(form.data.minimumDenominator), expectedVersion: form.data.denominatorVersion }
		]);
		if (!result.ok) return refuse(form, result, () => current(actor.serviceId));
		redirect(303, '/admin/settings?saved=small-numbers');
	}
};
