import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { academicYearLabel, checkDate, edgeDate, termDatesSchema, TERM_EDGES, termsFromEdges, type DatePartField, type TermEdge } from '$lib/schemas/admin-settings';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { db } from '$lib/server/db';
import { saveTermDates, termDatesFor } from '$lib/server/settings/term-dates';
import { refuse } from '../../refuse';
import type { Actions, PageServerLoad } from './$types';

function yearOf(param: string): number {
	const year = /^\d{4}$/.test(param) ? Number(param) : NaN;
	if (!(year >= 2000 && year <= 2100)) error(404, 'Not found');
	return year;
}

/** The stored dates as the form's day, month and year fields. */
async function current(serviceId: string, academicYear: number) {
	const { terms, version } = await termDatesFor(db(), serviceId, academicYear);
	const fields = Object.fromEntries(
		TERM_EDGES.flatMap((edge) => {
			const [year = '', month = '', day = ''] = edgeDate(terms, edge)?.split('-') ?? [];
			return [
				[`${edge}Day`, day && String(Number(day))],
				[`${edge}Month`, month && String(Number(month))],
				[`${edge}Year`, year]
			];
		})
	) as Record<DatePartField<TermEdge>, string>;
	return { academicYear, version, ...fields };
}

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.settings.view');
	const academicYear = yearOf(event.params.year);
	const form = await startingForm(event, actor, zod4(termDatesSchema), await current(actor.serviceId, academicYear));
	return { form, label: academicYearLabel(academicYear) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'admin.settings.edit');
		const academicYear = yearOf(event.params.year);
		const form = await superValidate(event.request, zod4(termDatesSchema));
		if (form.data.academicYear !== academicYear) error(404, 'Not found');
		if (!form.valid) return fail(400, { form });
		const read = (edge: TermEdge) => checkDate(form.data[`${edge}Day`], form.data[`${edge}Month`], form.data[`${edge}Year`], edge);
		const terms = termsFromEdges(Object.fromEntries(TERM_EDGES.map((edge) => { const date = read(edge); return [edge, date.ok ? date.iso : undefined]; })));
		if (!terms) return fail(400, { form });
		const result = await saveTermDates(actor, academicYear, terms, form.data.version);
		if (!result.ok) return refuse(form, result, () => current(actor.serviceId, academicYear));
		redirect(303, `/admin/settings/term-dates?saved=${academicYear}`);
	}
};
