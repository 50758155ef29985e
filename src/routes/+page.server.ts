import { redirect } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'public.home');
	redirect(303, actor ? '/home' : '/sign-in');
};
