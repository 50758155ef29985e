import { json } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	await guard(event, 'public.health');
	return json({ status: 'ok' });
};
