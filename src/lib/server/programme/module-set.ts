import { eq } from 'drizzle-orm';
import { t, type Queryable } from '../db';
import { currentModuleSet, moduleSetById, type ModuleSet } from '../settings/modules';

/**
 * The module set a case works through: the one pinned when it was first accepted. A case keeps the
 * set it started with even after the service changes its modules (DOMAIN.md §3 step 6). A case
 * accepted before pinning existed gets the service's current set pinned on first use.
 */
export async function caseModuleSet(q: Queryable, referral: { id: string; serviceId: string; moduleSetId: string | null }): Promise<ModuleSet | null> {
	if (referral.moduleSetId) return moduleSetById(q, referral.serviceId, referral.moduleSetId);
	const current = await currentModuleSet(q, referral.serviceId);
	if (!current) return null;
	await q.update(t.referral).set({ moduleSetId: current.id }).where(eq(t.referral.id, referral.id));
	return current;
}

/** The id of the set to pin when a case is accepted, or null when the service has none. */
export async function moduleSetToPin(q: Queryable, serviceId: string): Promise<string | null> {
	return (await currentModuleSet(q, serviceId))?.id ?? null;
}
