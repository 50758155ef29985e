import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { reviewDecisionSchema, type ReviewDecision } from '$lib/schemas/support-session';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { decideReview, reviewForDecision } from '$lib/server/support-sessions/reviews';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(reviewDecisionSchema);

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'review.decide');
	const review = await reviewForDecision(actor, event.params.id, event.params.reviewId);
	if (!review) error(404, 'Not found');
	return { review, form: await startingForm(event, actor, adapter) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'review.decide');
		const form = await superValidate(event.request, adapter);
		if (!form.valid) return fail(400, { form });
		const decision = form.data.decision as ReviewDecision;
		const result = await decideReview(actor, event.params.id, event.params.reviewId, { decision, note: form.data.note });
		if (result.ok) {
			// Closing as did not engage is an outcome: the outcome page records it and moves the case.
			if (decision === 'close_did_not_engage') redirect(303, `/referrals/${event.params.id}/outcome?proposed=did_not_engage`);
			redirect(303, `/referrals/${event.params.id}/review/${event.params.reviewId}`);
		}
		if (result.problem === 'decided') return setError(form, 'decision', 'This review has already been decided');
		error(404, 'Not found');
	}
};
