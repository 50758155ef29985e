import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { localContactSchema } from '$lib/schemas/admin-settings';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { db } from '$lib/server/db';
import { localContactForEdit, saveLocalContact } from '$lib/server/settings/local-contacts';
import { refuse } from '../../refuse';
import type { Actions, PageServerLoad } from './$types';

const EMPTY = { mashPhone: '', emergencyDutyPhone: '', policeNonEmergencyPhone: '', yotPhone: '', camhsCrisisPhone: '' };

/** The local authority named in the address, or null when adding numbers for a new one. */
function authorityOf(url: URL): string | null {
	const la = url.searchParams.get('la');
	if (la !== null && (la.trim() === '' || la.length > 100)) error(404, 'Not found');
	return la?.trim() ?? null;
}

async function current(serviceId: string, localAuthority: string) {
	const { numbers, version } = await localContactForEdit(db(), serviceId, localAuthority);
	return { localAuthority, version, ...(numbers ?? EMPTY) };
}

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.settings.view');
	const la = authorityOf(event.url);
	const data = la ? await current(actor.serviceId, la) : { localAuthority: '', version: 0, ...EMPTY };
	return { form: await startingForm(event, actor, zod4(localContactSchema), data), named: la !== null };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'admin.settings.edit');
		const la = authorityOf(event.url);
		const form = await superValidate(event.request, zod4(localContactSchema));
		if (la !== null && form.data.localAuthority !== la) error(404, 'Not found');
		if (!form.valid) return fail(400, { form });
		const { localAuthority, version, ...numbers } = form.data;
		const result = await saveLocalContact(actor, localAuthority, numbers, version);
		if (!result.ok) return refuse(form, result, () => current(actor.serviceId, localAuthority));
		redirect(303, '/admin/settings/local-numbers?saved=1');
	}
};
