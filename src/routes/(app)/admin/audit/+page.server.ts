import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { auditFilterInput, auditFilterQuery, auditFilterSchema } from '$lib/schemas/admin-audit';
import { guard } from '$lib/server/auth/guard';
import { auditFilterOptions, viewAuditLog } from '$lib/server/audit/audit-log';
import { db } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.audit.list');
	const form = await superValidate(event.url, zod4(auditFilterSchema));
	const options = await auditFilterOptions(db(), actor.serviceId);
	const query = auditFilterQuery(form.data);
	const withQuery = (path: string, extra: Record<string, string> = {}) => {
		const params = new URLSearchParams({ ...Object.fromEntries(query), ...extra }).toString();
		return params ? `${path}?${params}` : path;
	};
	if (!form.valid) return { form, ...options, rows: [], olderHref: null, newestHref: null, exportHref: null, filtered: query.size > 0 };
	const page = await viewAuditLog(actor, auditFilterInput(form.data));
	return {
		form,
		...options,
		rows: page.rows,
		olderHref: page.olderThan ? withQuery('/admin/audit', { before: String(page.olderThan) }) : null,
		newestHref: form.data.before ? withQuery('/admin/audit') : null,
		exportHref: withQuery('/admin/audit/export'),
		filtered: query.size > 0
	};
};
