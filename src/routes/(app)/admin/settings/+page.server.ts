import { guard } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { settingsSummary } from '$lib/server/settings/summary';
import type { PageServerLoad } from './$types';

/** The banner after a change page sends the admin back here. */
const SAVED: Record<string, string> = {
	'programme-name': 'Programme name saved',
	mfa: 'Authenticator app setting saved',
	eligibility: 'Who can be referred saved',
	slas: 'Time limits saved',
	'small-numbers': 'Small-number rules saved',
	'unit-costs': 'Unit costs saved',
	retention: 'Keeping records saved'
};

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.settings.view');
	return {
		sections: await settingsSummary(db(), actor.serviceId),
		saved: SAVED[event.url.searchParams.get('saved') ?? ''] ?? null
	};
};
