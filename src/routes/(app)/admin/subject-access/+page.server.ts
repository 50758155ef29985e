import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { checkDate } from '$lib/schemas/fields';
import { subjectSearchSchema } from '$lib/schemas/retention';
import { guard } from '$lib/server/auth/guard';
import { findSubjects } from '$lib/server/subject-access/search';
import type { PageServerLoad } from './$types';

/** Find the young person a subject access request is about (a GET form: nothing is changed). */
export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.subject-access.search');
	const searched = ['name', 'reference', 'dobDay', 'dobMonth', 'dobYear'].some((k) => event.url.searchParams.has(k));
	const form = searched ? await superValidate(event.url, zod4(subjectSearchSchema)) : await superValidate(zod4(subjectSearchSchema));
	if (!searched || !form.valid) return { form, searched, results: [] };
	const dob = checkDate(form.data.dobDay, form.data.dobMonth, form.data.dobYear, 'date of birth');
	const results = await findSubjects(actor, { name: form.data.name, reference: form.data.reference, dob: dob.ok ? dob.iso : null });
	return { form, searched, results };
};
