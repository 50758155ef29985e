import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { moduleSetSchema } from '$lib/schemas/admin-settings';
import { guard } from '$lib/server/auth/guard';
import { readForm } from '$lib/server/http/form-body';
import { startingForm } from '$lib/server/http/forms';
import { db } from '$lib/server/db';
import { applyModuleEdit, formFromRows, parseModuleEdit, rowsFromForm } from '$lib/server/settings/module-rows';
import { currentModuleSet, saveModuleSet } from '$lib/server/settings/modules';
import { refuse } from '../refuse';
import type { Actions, PageServerLoad } from './$types';

async function current(serviceId: string) {
	const set = await currentModuleSet(db(), serviceId);
	return { setId: set?.id ?? '', ...formFromRows(set?.modules ?? []) };
}

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.settings.view');
	return {
		form: await startingForm(event, actor, zod4(moduleSetSchema), await current(actor.serviceId)),
		saved: event.url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	/** Every button posts here; its intent says whether to save or only to rearrange the rows. */
	default: async (event) => {
		const actor = await guard(event, 'admin.settings.edit');
		const formData = await readForm(event.request);
		const form = await superValidate(formData, zod4(moduleSetSchema));
		const edit = parseModuleEdit(formData.get('intent'));
		const rows = rowsFromForm(form.data.titles, form.data.core);
		if (edit.kind !== 'save') {
			form.data = { ...form.data, ...formFromRows(applyModuleEdit(rows, edit)) };
			form.errors = {};
			return { form };
		}
		if (!form.valid) return fail(400, { form });
		const result = await saveModuleSet(actor, rows, form.data.setId);
		if (!result.ok) return refuse(form, result, () => current(actor.serviceId));
		redirect(303, '/admin/settings/modules?saved=1');
	}
};
