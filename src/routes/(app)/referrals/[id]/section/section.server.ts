import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4, type ValidationAdapter } from 'sveltekit-superforms/adapters';
import { pastLimit } from '$lib/schemas/limits';
import { consentSchema } from '$lib/schemas/referral/consent';
import { decisionSchema } from '$lib/schemas/referral/decision';
import { familySchema } from '$lib/schemas/referral/family';
import { incidentSchema } from '$lib/schemas/referral/incident';
import { pupilSchema } from '$lib/schemas/referral/pupil';
import { safetySchema } from '$lib/schemas/referral/safety';
import { sectionOf, type SectionKey } from '$lib/schemas/referral/sections';
import type { Actor } from '$lib/server/auth/actor';
import { readForm } from '$lib/server/http/form-body';
import { saveSection } from '$lib/server/referrals/drafts';
import { sectionForEdit } from '$lib/server/referrals/section-form';
import { SECTION_OPTIONS } from '$lib/server/referrals/section-options';
import { sectionRows } from '$lib/server/referrals/summary';

/**
 * What the six section pages of the referral form share. Each section is its own route, so that a
 * page loads only its own fields' code (issue 8); validation stays here, on the server, the source of
 * truth for every error the page shows.
 */

/** One superforms adapter per section, made once (schemas at module top level). */
export const ADAPTERS = {
	safety: zod4(safetySchema),
	pupil: zod4(pupilSchema),
	family: zod4(familySchema),
	incident: zod4(incidentSchema),
	decision: zod4(decisionSchema),
	consent: zod4(consentSchema)
};

type SectionEvent = RequestEvent<{ id: string }>;

/**
 * The section as its page shows it, with the answer lists its fields offer: a 404 outside the DSL's
 * school, and back to the referral once the referral can no longer be edited.
 */
export async function editableSection<K extends SectionKey>(actor: Actor, referralId: string, key: K) {
	const section = await sectionForEdit(actor, referralId, key);
	if (!section) error(404, 'Not found');
	if (!section.editable) redirect(303, `/referrals/${section.referralId}`);
	return { title: sectionOf(key).title, section, options: SECTION_OPTIONS[key] };
}

async function save(event: SectionEvent, actor: Actor, key: SectionKey, autosave: boolean) {
	const body = await readForm(event.request);
	const expected = Number(body.get('_version'));
	const adapter = ADAPTERS[key] as unknown as ValidationAdapter<Record<string, unknown>>;
	const form = await superValidate(body, adapter, { id: key });
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
	return { form, version: result.version };
}

/** "Save and continue": back to the task list once the section is complete, otherwise its errors. */
export async function saveAndContinue(event: SectionEvent, actor: Actor, key: SectionKey) {
	const outcome = await save(event, actor, key, false);
	if ('status' in outcome) return outcome;
	if (!outcome.form.valid) return fail(400, { form: outcome.form, version: outcome.version });
	redirect(303, `/referrals/${event.params.id}?saved=${key}`);
}

/** The save the page makes by itself a few seconds after typing stops (JavaScript only). */
export async function autosaveSection(event: SectionEvent, actor: Actor, key: SectionKey) {
	const outcome = await save(event, actor, key, true);
	if ('status' in outcome) return outcome;
	return { autosaved: true, version: outcome.version };
}
