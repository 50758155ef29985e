import { guard } from '$lib/server/auth/guard';
import { homeFor } from '$lib/server/home/home';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'app.home');
	return { home: await homeFor(actor) };
};
