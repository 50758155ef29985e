import { error } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { csvHeaders } from '$lib/server/reports/csv';
import { governorCsv } from '$lib/server/reports/governor/csv';
import { governorReport } from '$lib/server/reports/governor/report';
import type { RequestHandler } from './$types';

/** Aggregates only: no step-up (SECURITY.md 10); audited as an export. */
export const GET: RequestHandler = async (event) => {
	const actor = await guard(event, 'report.governor-export');
	const report = await governorReport(actor, event.params.schoolId, event.url.searchParams.get('period')?.slice(0, 40) ?? null, 'csv-downloaded');
	if (!report) error(404, 'Not found');
	return new Response(governorCsv(report), { headers: csvHeaders(`exclusion-avoidance-report-${report.period.key}.csv`) });
};
