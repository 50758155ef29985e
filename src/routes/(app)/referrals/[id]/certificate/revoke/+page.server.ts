import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { certificateRevokeSchema } from '$lib/schemas/outcome';
import { guard } from '$lib/server/auth/guard';
import { certificateForRevoke, revokeCertificate } from '$lib/server/certificates/revoke';
import { startingForm } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(certificateRevokeSchema);

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'certificate.revoke');
	const view = await certificateForRevoke(actor, event.params.id);
	if (!view) error(404, 'Not found');
	if (!view.certificate) redirect(303, `/referrals/${event.params.id}#outcome`);
	return { view: { ...view, certificate: view.certificate }, form: await startingForm(event, actor, adapter) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'certificate.revoke');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const result = await revokeCertificate(actor, event.params.id, form.data.reason);
		if (result.ok) redirect(303, `/referrals/${event.params.id}#outcome`);
		if (result.problem === 'not-found') error(404, 'Not found');
		if (result.problem === 'reason-required') return setError(form, 'reason', 'Enter why the certificate is revoked');
		return setError(form, 'reason', 'This case has no certificate to revoke');
	}
};
