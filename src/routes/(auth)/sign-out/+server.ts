import { redirect } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { clearSessionCookie } from '$lib/server/auth/cookie';
import { signOut } from '$lib/server/auth/sign-out';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const actor = await guard(event, 'auth.sign-out');
	await signOut(db(), actor);
	clearSessionCookie(event.cookies);
	redirect(303, '/sign-in?signed-out=1');
};
