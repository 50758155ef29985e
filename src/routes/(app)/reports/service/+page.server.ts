import { error } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { readFilter } from '$lib/server/reports/service/filter';
import { serviceReport } from '$lib/server/reports/service/report';
import type { PageServerLoad } from './$types';

/** The service report: a GET filter (school, period kind, period), so it works without JavaScript. */
export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'report.service');
	const filter = readFilter(event.url.searchParams);
	const report = await serviceReport(actor, filter);
	if (!report) error(404, 'Not found');
	const query = new URLSearchParams({ ...(report.school ? { school: report.school.id } : {}), kind: report.period.kind, period: report.period.key });
	return { report, csvHref: `/reports/service/report.csv?${query.toString()}` };
};
