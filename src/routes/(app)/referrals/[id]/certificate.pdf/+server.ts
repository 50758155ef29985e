import { error } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { certificateDownload } from '$lib/server/certificates/download';
import { pdfHeaders } from '$lib/server/pdf/document';
import type { RequestHandler } from './$types';

/** Serves the bytes kept at issue, never a fresh rendering (DOMAIN.md §3 step 8); audited each time. */
export const GET: RequestHandler = async (event) => {
	const actor = await guard(event, 'certificate.download');
	const pdf = await certificateDownload(actor, event.params.id);
	if (!pdf) error(404, 'Not found');
	return new Response(new Uint8Array(pdf.bytes), { headers: pdfHeaders(pdf.filename, pdf.bytes.length) });
};
