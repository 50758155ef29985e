import { error } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { escalationSummaryPdf } from '$lib/server/escalations/pdf';
import { pdfHeaders } from '$lib/server/pdf/document';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = await guard(event, 'escalation.export-pdf');
	const pdf = await escalationSummaryPdf(actor, event.params.id, event.params.escalationId);
	if (!pdf) error(404, 'Not found');
	return new Response(new Uint8Array(pdf.bytes), { headers: pdfHeaders(pdf.filename, pdf.bytes.length) });
};
