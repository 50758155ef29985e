import { eq, max } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { recordAudit, searchAudit } from './audit';
import { assertAuditAccess, filterDetail, serviceDirectory, toAuditFilter, viewOf, type AuditFilterInput } from './audit-log';
import { csvRow } from '../util/csv';

const BATCH = 500;
const HEADER = ['Entry', 'Time (UK)', 'User', 'User id', 'Role', 'Action', 'Record type', 'Record id', 'School', 'Address', 'Detail'];

/**
 * The filtered audit log of the actor's service as a CSV stream, newest first. The export is recorded
 * first (SECURITY.md 15), and covers the log as it stood at that moment: rows written while it streams
 * are left out, so the file is one consistent snapshot.
 */
export async function exportAuditLog(actor: Actor, input: AuditFilterInput): Promise<ReadableStream<Uint8Array>> {
	assertAuditAccess(actor, 'admin.audit.export');
	const filter = toAuditFilter({ ...input, before: null });
	const newest = await db().transaction(async (tx) => {
		const [row] = await tx.select({ id: max(t.auditEvent.id) }).from(t.auditEvent).where(eq(t.auditEvent.serviceId, actor.serviceId));
		await recordAudit(tx, actor, { action: 'audit.exported', recordType: 'audit_event', detail: filterDetail(input) });
		return row?.id ?? 0;
	});
	const directory = await serviceDirectory(db(), actor.serviceId);
	const encoder = new TextEncoder();
	let before = newest + 1;
	let started = false;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (!started) {
				started = true;
				// A byte-order mark, so spreadsheet programs read names like "Zoë" as UTF-8.
				controller.enqueue(encoder.encode(`\uFEFF${csvRow(HEADER)}`));
				return;
			}
			const rows = await searchAudit(db(), actor.serviceId, { ...filter, before, limit: BATCH });
			if (rows.length > 0) {
				const lines = rows.map((row) => {
					const view = viewOf(row, directory);
					return csvRow([view.id, view.time, view.user, row.actorUserId, view.role, view.action, row.recordType, row.recordId, view.school, view.address, view.detail]);
				});
				controller.enqueue(encoder.encode(lines.join('')));
				before = rows.at(-1)?.id ?? 0;
			}
			if (rows.length < BATCH) controller.close();
		}
	});
}
