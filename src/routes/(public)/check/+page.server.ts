import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { certificateCheckSchema } from '$lib/schemas/outcome';
import { guard } from '$lib/server/auth/guard';
import { normaliseCode } from '$lib/server/certificates/code';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(certificateCheckSchema);

export const load: PageServerLoad = async (event) => {
	await guard(event, 'public.certificate-check');
	return { form: await superValidate(adapter) };
};

export const actions: Actions = {
	default: async (event) => {
		await guard(event, 'public.certificate-check');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		// Only the shape is checked here; the look-up, counted against the address, is on the code's page.
		const code = normaliseCode(form.data.code);
		if (!code) return setError(form, 'code', 'Enter the code as it is printed: 12 letters and numbers, like 7K3M-Q9XD-2VHT');
		redirect(303, `/check/${code}`);
	}
};
