import { recordAudit } from '../audit/audit';
import type { Queryable } from '../db';

/**
 * The performance bench's write floor (issue 8): the cost of committing one audit-sized row, which
 * is what the disk's fsync allows. Only a server started with BENCH=1 answers it; everywhere else
 * the endpoint is a 404, so no deployment can be made to fill its audit log through it.
 */
export function benchFloorsEnabled(env: Record<string, string | undefined> = process.env): boolean {
	return env.BENCH?.trim() === '1';
}

/** One row in the real audit table (same indexes as every audited page's row), committed on its own. */
export async function commitFloorRow(q: Queryable, address: string): Promise<void> {
	await recordAudit(q, null, { action: 'bench.write-floor', address });
}
