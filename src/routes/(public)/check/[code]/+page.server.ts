import { error } from '@sveltejs/kit';
import { clientAddress, guard } from '$lib/server/auth/guard';
import { checkCertificate } from '$lib/server/certificates/check';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await guard(event, 'public.certificate-check');
	const result = await checkCertificate(event.params.code, clientAddress(event));
	if (result.status === 'throttled') error(429, 'Too many certificate checks from your network. Try again in 15 minutes.');
	return { result };
};
