import { error } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { pdfHeaders } from '$lib/server/pdf/document';
import { renderGovernorPdf } from '$lib/server/reports/governor/pdf';
import { governorReport } from '$lib/server/reports/governor/report';
import type { RequestHandler } from './$types';

/** Aggregates only: no step-up (SECURITY.md 10); audited as an export. */
export const GET: RequestHandler = async (event) => {
	const actor = await guard(event, 'report.governor-export');
	const report = await governorReport(actor, event.params.schoolId, event.url.searchParams.get('period')?.slice(0, 40) ?? null, 'pdf-downloaded');
	if (!report) error(404, 'Not found');
	const bytes = await renderGovernorPdf(report);
	return new Response(new Uint8Array(bytes), { headers: pdfHeaders(`exclusion-avoidance-report-${report.period.key}.pdf`, bytes.length) });
};
