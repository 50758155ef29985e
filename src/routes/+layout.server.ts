import { guard } from '$lib/server/auth/guard';
import { signedInFrame } from '$lib/server/navigation/frame';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const actor = await guard(event, 'public.layout');
	return { frame: actor ? await signedInFrame(actor) : null };
};
