import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { setError, superValidate, type FormPath, type SuperValidated } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { answersFromForm, decisionFromForm, triageSchema, type StoredAnswers, type TriageForm } from '$lib/schemas/triage';
import type { Actor } from '$lib/server/auth/actor';
import { decideTriage, saveTriageAnswers } from '$lib/server/triage/triage';

/** The triage form's actions, called by +page.server.ts after its guard. */
export const triageAdapter = zod4(triageSchema);

type Form = SuperValidated<TriageForm>;
type Refusal =
	| { ok: false; problem: 'not-found' | 'not-editable' | 'wrong-state' | 'not-allowed' }
	| { ok: false; problem: 'invalid'; errors: Record<string, string> }
	| { ok: false; problem: 'stale'; current: StoredAnswers; version: number };

const MOVED_ON = 'This case has moved on since you opened this page, so triage cannot be changed here. Go back to the case to see where it is.';

/** A refusal from the domain as the form's answer: errors at their fields, or the other person's answers. */
function refused(form: Form, result: Refusal) {
	switch (result.problem) {
		case 'not-found':
			error(404, 'Not found');
		case 'invalid':
			for (const [field, message] of Object.entries(result.errors)) setError(form, field as FormPath<TriageForm>, message);
			return fail(400, { form });
		case 'stale':
			// Keep what this person typed; the next save is checked against the other person's version.
			form.data.version = result.version;
			return fail(409, { form, conflict: { answers: result.current } });
		default:
			return setError(form, '', MOVED_ON, { status: 409 });
	}
}

export async function saveAnswers(event: RequestEvent<{ id: string }>, actor: Actor) {
	const form = await superValidate(event.request, triageAdapter);
	if (!form.valid) return fail(400, { form });
	const result = await saveTriageAnswers(actor, event.params.id, answersFromForm(form.data), form.data.version);
	if (!result.ok) return refused(form, result);
	form.data.version = result.version;
	return { form, saved: true };
}

export async function decide(event: RequestEvent<{ id: string }>, actor: Actor) {
	const form = await superValidate(event.request, triageAdapter);
	if (!form.valid) return fail(400, { form });
	const result = await decideTriage(actor, event.params.id, decisionFromForm(form.data), form.data.version);
	if (!result.ok) return refused(form, result);
	redirect(303, `/referrals/${event.params.id}`);
}
