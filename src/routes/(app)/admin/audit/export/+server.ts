import { error } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { auditFilterInput, auditFilterSchema } from '$lib/schemas/admin-audit';
import { guard } from '$lib/server/auth/guard';
import { exportAuditLog } from '$lib/server/audit/export';
import type { RequestHandler } from './$types';

/** The filtered audit log as CSV. The guard asks for a fresh authenticator code first (SECURITY.md 10, 16). */
export const GET: RequestHandler = async (event) => {
	const actor = await guard(event, 'admin.audit.export');
	const form = await superValidate(event.url, zod4(auditFilterSchema));
	if (!form.valid) error(400, 'Check the filters on the audit log page, then export again');
	const stream = await exportAuditLog(actor, auditFilterInput(form.data));
	const day = new Date().toISOString().slice(0, 10);
	return new Response(stream, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="audit-log-${day}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
