import { error } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { pdfHeaders } from '$lib/server/pdf/document';
import { referralSummaryPdf } from '$lib/server/referrals/summary-pdf';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = await guard(event, 'referral.export-pdf');
	const pdf = await referralSummaryPdf(actor, event.params.id);
	if (!pdf) error(404, 'Not found');
	return new Response(new Uint8Array(pdf.bytes), { headers: pdfHeaders(pdf.filename, pdf.bytes.length) });
};
