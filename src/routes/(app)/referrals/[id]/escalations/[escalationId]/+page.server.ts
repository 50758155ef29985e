import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { escalationUpdateSchema } from '$lib/schemas/escalation';
import { guard } from '$lib/server/auth/guard';
import { ESCALATION_STALE, updateEscalation } from '$lib/server/escalations/escalations';
import { escalationFormValues } from '$lib/server/escalations/form-values';
import { escalationForEdit, type EscalationForEdit } from '$lib/server/escalations/view';
import { startingForm } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(escalationUpdateSchema);

/** What the page shows besides the form: the fixed facts, shaped for display. */
function shown(found: EscalationForEdit) {
	const e = found.escalation;
	return {
		id: e.id,
		displayName: found.displayName || 'Referral',
		agencyLabel: found.agencyLabel,
		state: e.state,
		made: e.sentAt !== null,
		method: e.method,
		sentAt: e.sentAt?.toISOString() ?? null,
		needsWrittenReferral: found.needsWrittenReferral,
		editable: e.state !== 'withdrawn',
		closed: e.state === 'closed',
		canWithdraw: ['planned', 'sent', 'acknowledged'].includes(e.state)
	};
}

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'escalation.record');
	const found = await escalationForEdit(actor, event.params.id, event.params.escalationId);
	if (!found) error(404, 'Not found');
	return {
		referralId: event.params.id,
		escalation: shown(found),
		isSchool: actor.role !== 'youth_worker',
		form: await startingForm(event, actor, adapter, escalationFormValues(found.escalation))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'escalation.record');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const result = await updateEscalation(actor, event.params.id, event.params.escalationId, form.data);
		if (result.ok) redirect(303, `/referrals/${event.params.id}#escalations`);
		if (result.problem === 'not-found') error(404, 'Not found');
		if (result.problem === 'invalid') return setError(form, result.field as keyof typeof form.data & string, result.message);
		// Stale: show the other person's saved version, to make the changes again on top of it.
		const found = await escalationForEdit(actor, event.params.id, event.params.escalationId);
		if (!found) error(404, 'Not found');
		const theirs = await superValidate(escalationFormValues(found.escalation), adapter, { errors: false });
		return setError(theirs, '', ESCALATION_STALE, { status: 409 });
	}
};
