import { error } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { sessionCertificatesZip } from '$lib/server/certificates/bulk';
import type { RequestHandler } from './$types';

/** The session's young people's certificates as one ZIP. The guard asks for a fresh authenticator code first (SECURITY.md 10). */
export const GET: RequestHandler = async (event) => {
	const actor = await guard(event, 'certificate.bulk-download');
	const zip = await sessionCertificatesZip(actor, event.params.id);
	if (!zip) error(404, 'Not found');
	return new Response(new Uint8Array(zip.bytes), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${zip.filename}"`,
			'content-length': String(zip.bytes.length),
			'cache-control': 'no-store'
		}
	});
};
