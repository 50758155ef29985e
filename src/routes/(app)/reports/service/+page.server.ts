import { error } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { renderedOnce, sectionForPage } from '$lib/server/render/kept-section';
import { readFilter } from '$lib/server/reports/service/filter';
import { serviceReport } from '$lib/server/reports/service/report';
import ReportBody from './ReportBody.svelte';
import type { PageServerLoad } from './$types';

/** The service report: a GET filter (school, period kind, period), so it works without JavaScript. */
export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'report.service');
	const filter = readFilter(event.url.searchParams);
	const report = await serviceReport(actor, filter);
	if (!report) error(404, 'Not found');
	const query = new URLSearchParams({ ...(report.school ? { school: report.school.id } : {}), kind: report.period.kind, period: report.period.key });
	const csvHref = `/reports/service/report.csv?${query.toString()}`;
	return { body: sectionForPage(event, renderedOnce(report, ReportBody, { report, csvHref })) };
};
