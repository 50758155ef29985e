import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { bankHolidaySchema, checkDate, formatIsoDate, removeBankHolidaySchema } from '$lib/schemas/admin-settings';
import { guard } from '$lib/server/auth/guard';
import { startingForm } from '$lib/server/http/forms';
import { db } from '$lib/server/db';
import { addBankHoliday, listBankHolidays, removeBankHoliday } from '$lib/server/settings/calendar';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.settings.view');
	const years = new Map<string, { date: string; label: string; name: string }[]>();
	for (const holiday of await listBankHolidays(db(), actor.serviceId)) {
		const year = holiday.date.slice(0, 4);
		years.set(year, [...(years.get(year) ?? []), { ...holiday, label: formatIsoDate(holiday.date) }]);
	}
	const banner = event.url.searchParams.has('added') ? 'Bank holiday added' : event.url.searchParams.has('removed') ? 'Bank holiday removed' : null;
	return {
		years: [...years].map(([year, holidays]) => ({ year, holidays })),
		form: await startingForm(event, actor, zod4(bankHolidaySchema)),
		banner
	};
};

export const actions: Actions = {
	add: async (event) => {
		const actor = await guard(event, 'admin.settings.edit');
		const form = await superValidate(event.request, zod4(bankHolidaySchema));
		if (!form.valid) return fail(400, { form });
		const date = checkDate(form.data.dateDay, form.data.dateMonth, form.data.dateYear, 'date');
		if (!date.ok) return setError(form, 'dateDay', date.message);
		const result = await addBankHoliday(actor, { date: date.iso, name: form.data.name });
		if (!result.ok) return setError(form, 'dateDay', result.messages);
		redirect(303, '/admin/settings/bank-holidays?added=1');
	},
	remove: async (event) => {
		const actor = await guard(event, 'admin.settings.edit');
		const form = await superValidate(event.request, zod4(removeBankHolidaySchema));
		if (!form.valid || !(await removeBankHoliday(actor, form.data.date))) error(404, 'Not found');
		redirect(303, '/admin/settings/bank-holidays?removed=1');
	}
};
