import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { pastLimit } from '$lib/schemas/limits';
import { isSectionKey, sectionOf } from '$lib/schemas/referral/sections';
import { guard } from '$lib/server/auth/guard';
import { readForm } from '$lib/server/http/form-body';
import type { Actor } from '$lib/server/auth/actor';
import { startingForm } from '$lib/server/http/forms';
import { saveSection } from '$lib/server/referrals/drafts';
import { sectionForEdit } from '$lib/server/referrals/section-form';
import { sectionRows } from '$lib/server/referrals/summary';
import { ADAPTERS } from './adapters';
import type { Actions, PageServerLoad } from './$types';

function sectionKey(value: string) {
	if (!isSectionKey(value)) error(404, 'Not found');
	return value;
}

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'referral.edit');
	const key = sectionKey(event.params.section);
	const section = await sectionForEdit(actor, event.params.id, key);
	if (!section) error(404, 'Not found');
	if (!section.editable) redirect(303, `/referrals/${section.referralId}`);
	const form = await startingForm(event, actor, ADAPTERS[key], section.data, { id: key });
	return { key, title: sectionOf(key).title, section, form };
};

async function save(event: RequestEvent<{ id: string; section: string }>, actor: Actor, autosave: boolean) {
	const key = sectionKey(event.params.section);
	const body = await readForm(event.request);
	const expected = Number(body.get('_version'));
	const form = await superValidate(body, ADAPTERS[key], { id: key });
	// A draft is kept as typed even when incomplete, but never past a field's limit (SECURITY.md 13).
	if (pastLimit(sectionOf(key).schema, form.data)) return fail(400, { form, version: null });
	const result = await saveSection(actor, event.params.id, key, form.data, {
		complete: form.valid,
		expectedVersion: Number.isInteger(expected) && expected >= 0 ? expected : null,
		autosave
	});
	if (!result.ok) {
		if (result.problem === 'stale') {
			// Keep what this person typed and show the other person's saved answers beside it.
			return fail(409, { form, conflict: { version: result.version, rows: sectionRows(key, result.current) } });
		}
		if (result.problem === 'not-found') error(404, 'Not found');
		redirect(303, `/referrals/${event.params.id}`);
	}
	return { form, version: result.version, key };
}

export const actions: Actions = {
	save: async (event) => {
		const actor = await guard(event, 'referral.edit');
		const outcome = await save(event, actor, false);
		if ('status' in outcome) return outcome;
		if (!outcome.form.valid) return fail(400, { form: outcome.form, version: outcome.version });
		redirect(303, `/referrals/${event.params.id}?saved=${outcome.key}`);
	},
	autosave: async (event) => {
		const actor = await guard(event, 'referral.edit');
		const outcome = await save(event, actor, true);
		if ('status' in outcome) return outcome;
		return { autosaved: true, version: outcome.version };
	}
};
