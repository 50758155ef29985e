import { academicYearLabel, formatIsoDate, TERMS } from '$lib/schemas/admin-settings';
import { guard } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { listTermDates } from '$lib/server/settings/term-dates';
import type { PageServerLoad } from './$types';

/** The academic year to offer first: from August on, the one about to start. */
function academicYearOf(now: Date): number {
	return now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
}

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.settings.view');
	const years = await listTermDates(db(), actor.serviceId);
	const held = new Set(years.map((y) => y.academicYear));
	const thisYear = academicYearOf(new Date());
	return {
		years: years.map(({ academicYear, terms }) => ({
			label: academicYearLabel(academicYear),
			href: `/admin/settings/term-dates/${academicYear}`,
			terms: TERMS.map((term) => {
				const dates = terms[term];
				return { term: `${term[0]?.toUpperCase()}${term.slice(1)} term`, value: dates ? `${formatIsoDate(dates.startsOn)} to ${formatIsoDate(dates.endsOn)}` : 'Not set' };
			})
		})),
		toAdd: [thisYear, thisYear + 1, thisYear + 2].filter((y) => !held.has(y)).map((y) => ({ label: academicYearLabel(y), href: `/admin/settings/term-dates/${y}` })),
		saved: event.url.searchParams.get('saved')
	};
};
