import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate, type FormPath } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { GoalRating } from '$lib/outcomes';
import { goalField, MAX_GOALS, outcomeSchema, type OutcomeForm } from '$lib/schemas/outcome';
import { checkDate, todayIso } from '$lib/schemas/fields';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { outcomeForEdit, recordOutcome } from '$lib/server/outcomes/record';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(outcomeSchema);

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'outcome.record');
	// Coming from a review that decided to close the case as did not engage (DOMAIN.md §3 step 6).
	const fromReview = event.url.searchParams.get('proposed') === 'did_not_engage';
	const view = await outcomeForEdit(actor, event.params.id, fromReview);
	if (!view) error(404, 'Not found');
	if (!view.open) redirect(303, `/referrals/${event.params.id}`);
	const [year, month, day] = todayIso().split('-');
	const initial = { outcome: view.proposed, outcomeOnDay: String(Number(day)), outcomeOnMonth: String(Number(month)), outcomeOnYear: year, fromReview: fromReview ? '1' : '', version: view.version } as const;
	return { view, form: await startingForm(event, actor, adapter, initial) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'outcome.record');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const d = form.data;
		const on = checkDate(d.outcomeOnDay, d.outcomeOnMonth, d.outcomeOnYear, 'outcome date');
		const ratings = Array.from({ length: MAX_GOALS }, (_, i) => d[goalField(i)] as GoalRating | '');
		const result = await recordOutcome(
			actor,
			event.params.id,
			{ outcome: d.outcome, overrideReason: d.overrideReason, outcomeOn: on.ok ? on.iso : '', ratings, fromReview: d.fromReview === '1' },
			d.version
		);
		if (result.ok) redirect(303, `/referrals/${event.params.id}#outcome`);
		if (result.problem === 'not-found') error(404, 'Not found');
		if (result.problem === 'invalid') {
			for (const [field, message] of Object.entries(result.errors)) setError(form, field as FormPath<OutcomeForm>, message);
			return fail(400, { form });
		}
		if (result.problem === 'stale') return setError(form, 'outcome', 'Someone changed this case after you opened this page. Check it again, then record the outcome', { status: 409 });
		return setError(form, 'outcome', 'The outcome of this case has already been recorded');
	}
};
