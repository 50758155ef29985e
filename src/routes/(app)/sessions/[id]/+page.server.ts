import { error, fail, redirect } from '@sveltejs/kit';
import { guard, takeKeptForm } from '$lib/server/auth/guard';
import { sessionCertificateCount } from '$lib/server/certificates/bulk';
import { fieldText, readForm } from '$lib/server/http/form-body';
import { db } from '$lib/server/db';
import { addAttendee, ATTENDEE_MESSAGES, joinableCases, removeAttendee } from '$lib/server/support-sessions/attendees';
import { readRegisterForm, REGISTER_STALE, takeRegister } from '$lib/server/support-sessions/register';
import { sessionDetail } from '$lib/server/support-sessions/view';
import type { Actions, PageServerLoad } from './$types';

const ID_MAX = 40;
const field = (form: FormData, name: string) => fieldText(form, name).slice(0, ID_MAX);

/** What was typed into the register, to show it again: from a rejected post or a form kept over a timeout. */
function typedRegister(form: FormData): Record<string, string> {
	return Object.fromEntries([...form.entries()].filter(([key, value]) => /^(attendance|note)-/.test(key) && typeof value === 'string').map(([key, value]) => [key, String(value).slice(0, 1000)]));
}

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'session.view');
	const detail = await sessionDetail(actor, event.params.id);
	if (!detail) error(404, 'Not found');
	const kept = await takeKeptForm(event, actor);
	return {
		...detail,
		joinable: detail.session.cancelledAt ? [] : (await joinableCases(db(), actor, event.params.id)).map((c) => ({ value: c.id, label: `${c.displayName || 'Referral'} (${c.schoolName})` })),
		keptRegister: kept ? typedRegister(kept) : null,
		certificates: await sessionCertificateCount(db(), actor, event.params.id),
		saved: event.url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	add: async (event) => {
		const actor = await guard(event, 'session.schedule');
		const referralId = field(await readForm(event.request), 'referralId');
		const result = await addAttendee(actor, event.params.id, referralId);
		if (result.ok) redirect(303, `/sessions/${event.params.id}?saved=added`);
		// Nothing chosen is the form's error; a session or case outside the service is not there at all (SECURITY.md 1).
		if (result.problem === 'not-found' && referralId) error(404, 'Not found');
		return fail(400, { addError: ATTENDEE_MESSAGES[result.problem] });
	},
	remove: async (event) => {
		const actor = await guard(event, 'session.schedule');
		const result = await removeAttendee(actor, event.params.id, field(await readForm(event.request), 'attendeeId'));
		if (result.ok) redirect(303, `/sessions/${event.params.id}?saved=removed`);
		if (result.problem === 'not-found') error(404, 'Not found');
		return fail(400, { removeError: ATTENDEE_MESSAGES[result.problem] });
	},
	register: async (event) => {
		const actor = await guard(event, 'session.register');
		const form = await readForm(event.request);
		const ids = form.getAll('attendee').map((v) => (typeof v === 'string' ? v : '').slice(0, ID_MAX)).slice(0, 200);
		const result = await takeRegister(actor, event.params.id, readRegisterForm(form, ids));
		if (result.ok) redirect(303, `/sessions/${event.params.id}?saved=${result.reviewsRaised > 0 ? 'register-review' : 'register'}`);
		if (result.problem === 'not-found') error(404, 'Not found');
		if (result.problem === 'invalid') return fail(400, { register: { values: typedRegister(form), errors: result.errors } });
		if (result.problem === 'stale') return fail(409, { register: { values: null, errors: { register: REGISTER_STALE } } });
		return fail(400, { register: { values: typedRegister(form), errors: { register: 'This session is cancelled' } } });
	}
};
