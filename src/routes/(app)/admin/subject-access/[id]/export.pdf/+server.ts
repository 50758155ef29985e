import { error } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { subjectAccessExport } from '$lib/server/subject-access/export';
import type { RequestHandler } from './$types';

/** Everything held about one young person, as a readable PDF. The guard asks for a fresh authenticator code first (SECURITY.md 10, 24). */
export const GET: RequestHandler = async (event) => {
	const actor = await guard(event, 'admin.subject-access.export');
	const file = await subjectAccessExport(actor, event.params.id, 'pdf');
	if (!file) error(404, 'Not found');
	return new Response(new Uint8Array(file.bytes), {
		headers: {
			'content-type': file.type,
			'content-disposition': `attachment; filename="${file.filename}"`,
			'content-length': String(file.bytes.length),
			'cache-control': 'no-store'
		}
	});
};
