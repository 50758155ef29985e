import { json } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { touchSession } from '$lib/server/auth/session';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** "Stay signed in" from the timeout warning: records activity now. */
export const POST: RequestHandler = async (event) => {
	const actor = await guard(event, 'auth.session-extend');
	await touchSession(db(), actor.sessionId);
	return json({ ok: true });
};
