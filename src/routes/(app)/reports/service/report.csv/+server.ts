import { error } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { csvHeaders } from '$lib/server/reports/csv';
import { serviceReportCsv, serviceReportFilename } from '$lib/server/reports/service/csv';
import { readFilter } from '$lib/server/reports/service/filter';
import { serviceReport } from '$lib/server/reports/service/report';
import type { RequestHandler } from './$types';

/** The service report as CSV, with the same filter and figures as the page. Aggregates only: no step-up (SECURITY.md 10); audited. */
export const GET: RequestHandler = async (event) => {
	const actor = await guard(event, 'report.service-export');
	const report = await serviceReport(actor, readFilter(event.url.searchParams), new Date(), 'export');
	if (!report) error(404, 'Not found');
	return new Response(serviceReportCsv(report), { headers: csvHeaders(serviceReportFilename(report)) });
};
