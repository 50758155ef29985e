import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { withdrawEscalationSchema } from '$lib/schemas/escalation';
import { guard } from '$lib/server/auth/guard';
import { withdrawEscalation } from '$lib/server/escalations/escalations';
import { escalationForEdit } from '$lib/server/escalations/view';
import { startingForm } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(withdrawEscalationSchema);
const WITHDRAWABLE = ['planned', 'sent', 'acknowledged'];

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'escalation.record');
	const found = await escalationForEdit(actor, event.params.id, event.params.escalationId);
	if (!found || !WITHDRAWABLE.includes(found.escalation.state)) error(404, 'Not found');
	return {
		referralId: event.params.id,
		escalation: { id: found.escalation.id, agencyLabel: found.agencyLabel, displayName: found.displayName || 'Referral' },
		isSchool: actor.role !== 'youth_worker',
		form: await startingForm(event, actor, adapter, { reason: '', version: found.escalation.version })
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'escalation.record');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const result = await withdrawEscalation(actor, event.params.id, event.params.escalationId, form.data.reason, form.data.version);
		if (result.ok) redirect(303, `/referrals/${event.params.id}#escalations`);
		if (result.problem === 'not-found') error(404, 'Not found');
		if (result.problem === 'stale') return setError(form, 'reason', 'Someone changed this escalation after you opened this page. Check it again, then withdraw it if you still need to', { status: 409 });
		return setError(form, 'reason', result.problem === 'invalid' && result.field === 'reason' ? result.message : 'This escalation can no longer be withdrawn');
	}
};
