import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { reasonSchema } from '$lib/schemas/referral/actions';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { viewCase } from '$lib/server/referrals/case-view';
import { CONSENT_KINDS, withdrawConsent, type ConsentKind } from '$lib/server/referrals/consents';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(reasonSchema);
const LABELS: Record<ConsentKind, string> = {
	parent: 'the parent or carer’s consent',
	young_person: 'the young person’s agreement',
	share_progress: 'consent to share progress with the school',
	evaluation: 'consent for evaluation'
};

function kindOf(value: string): ConsentKind {
	if (!(CONSENT_KINDS as readonly string[]).includes(value)) error(404, 'Not found');
	return value as ConsentKind;
}

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'referral.consent-withdraw');
	const kind = kindOf(event.params.kind);
	const view = await viewCase(actor, event.params.id);
	const consent = view?.consents.find((c) => c.kind === kind && c.given && !c.withdrawnAt);
	if (!view || !consent) error(404, 'Not found');
	return { view, label: LABELS[kind], form: await startingForm(event, actor, adapter, { reason: '', version: consent.version }) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'referral.consent-withdraw');
		const kind = kindOf(event.params.kind);
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const result = await withdrawConsent(actor, event.params.id, kind, form.data.reason, form.data.version);
		if (result.ok) redirect(303, `/referrals/${event.params.id}`);
		if (result.problem === 'not-found') error(404, 'Not found');
		return setError(form, 'reason', result.problem === 'stale' || result.problem === 'already-withdrawn' ? 'Someone else recorded a change to this consent. Check the referral again' : 'Enter the reason', { status: 409 });
	}
};
