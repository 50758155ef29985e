import { guard } from '$lib/server/auth/guard';
import { signedInFrame } from '$lib/server/navigation/frame';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const actor = await guard(event, 'public.layout');
	// The guard returns an actor only for someone fully signed in, whose context the hooks loaded.
	return { frame: actor && event.locals.auth ? signedInFrame(event.locals.auth) : null };
};
