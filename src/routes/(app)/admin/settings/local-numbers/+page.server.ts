import { PHONE_FIELDS, PHONE_LABELS } from '$lib/schemas/admin-settings';
import { guard } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { listLocalContacts } from '$lib/server/settings/local-contacts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.settings.view');
	const contacts = await listLocalContacts(db(), actor.serviceId);
	return {
		authorities: contacts.map((c) => ({
			name: c.localAuthority,
			href: `/admin/settings/local-numbers/edit?la=${encodeURIComponent(c.localAuthority)}`,
			held: c.numbers !== null,
			numbers: PHONE_FIELDS.map((field) => ({ label: PHONE_LABELS[field], value: c.numbers?.[field] ?? 'Not set' }))
		})),
		saved: event.url.searchParams.has('saved')
	};
};
