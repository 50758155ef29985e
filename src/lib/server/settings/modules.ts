import { asc, desc, eq, and } from 'drizzle-orm';
import { MODULE_TITLE_MAX, MODULES_MAX } from '$lib/schemas/admin-settings';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Queryable } from '../db';
import { newId } from '../util/ids';
import { assertCanEditSettings, invalid, refuseStale, StaleEdit, type SaveResult } from './save-result';

export interface ModuleDraft {
	title: string;
	core: boolean;
}

export interface ProgrammeModule extends ModuleDraft {
	id: string;
	position: number;
}

export interface ModuleSet {
	id: string;
	createdAt: Date;
	modules: ProgrammeModule[];
}

export const MODULES_STALE = 'Someone else changed the modules while you were editing. Their modules are shown; make your changes again';

async function modulesOf(q: Queryable, moduleSetId: string): Promise<ProgrammeModule[]> {
	return q
		.select({ id: t.programmeModule.id, position: t.programmeModule.position, title: t.programmeModule.title, core: t.programmeModule.core })
		.from(t.programmeModule)
		.where(eq(t.programmeModule.moduleSetId, moduleSetId))
		.orderBy(asc(t.programmeModule.position));
}

/**
 * The service's current module set: the newest one. Older sets are never changed, because a case keeps
 * the set it started with (DOMAIN.md §3 step 6).
 */
export async function currentModuleSet(q: Queryable, serviceId: string): Promise<ModuleSet | null> {
	const [set] = await q
		.select({ id: t.moduleSet.id, createdAt: t.moduleSet.createdAt })
		.from(t.moduleSet)
		.where(eq(t.moduleSet.serviceId, serviceId))
		.orderBy(desc(t.moduleSet.createdAt))
		.limit(1);
	return set ? { ...set, modules: await modulesOf(q, set.id) } : null;
}

/** One module set of the service by id (a case's own set), or null when it is not the service's. */
export async function moduleSetById(q: Queryable, serviceId: string, moduleSetId: string): Promise<ModuleSet | null> {
	const [set] = await q
		.select({ id: t.moduleSet.id, createdAt: t.moduleSet.createdAt })
		.from(t.moduleSet)
		.where(and(eq(t.moduleSet.id, moduleSetId), eq(t.moduleSet.serviceId, serviceId)));
	return set ? { ...set, modules: await modulesOf(q, set.id) } : null;
}

/** What is wrong with a module list: every title present and short enough, at least one core module. */
export function moduleProblems(modules: ModuleDraft[]): string[] {
	const problems: string[] = [];
	if (modules.length === 0) problems.push('Add at least one module');
	if (modules.length > MODULES_MAX) problems.push(`A programme can have up to ${MODULES_MAX} modules`);
	modules.forEach((module, i) => {
		if (module.title.trim() === '') problems.push(`Enter a title for module ${i + 1}`);
		if (module.title.trim().length > MODULE_TITLE_MAX) problems.push(`Module ${i + 1}'s title must be ${MODULE_TITLE_MAX} characters or fewer`);
	});
	if (modules.length > 0 && !modules.some((module) => module.core)) problems.push('Select at least one core module');
	return problems;
}

/**
 * Saves the modules as a new set, in the order given. The set read when editing began must still be
 * current, or the save is refused (SECURITY.md 20). The new set is dated after the one it replaces, so
 * "newest" stays unambiguous even within one millisecond.
 */
export async function saveModuleSet(actor: Actor, modules: ModuleDraft[], expectedSetId: string, now = new Date()): Promise<SaveResult> {
	assertCanEditSettings(actor);
	const problems = moduleProblems(modules);
	if (problems.length > 0) return invalid(problems);
	return refuseStale(() =>
		db().transaction(async (tx) => {
			const [current] = await tx
				.select({ id: t.moduleSet.id, createdAt: t.moduleSet.createdAt })
				.from(t.moduleSet)
				.where(eq(t.moduleSet.serviceId, actor.serviceId))
				.orderBy(desc(t.moduleSet.createdAt))
				.limit(1);
			if ((current?.id ?? '') !== expectedSetId) throw new StaleEdit(MODULES_STALE);
			const id = newId();
			const createdAt = current && current.createdAt >= now ? new Date(current.createdAt.getTime() + 1) : now;
			await tx.insert(t.moduleSet).values({ id, serviceId: actor.serviceId, createdAt, createdBy: actor.userId });
			for (const [position, module] of modules.entries()) {
				await tx.insert(t.programmeModule).values({ id: newId(), moduleSetId: id, position, title: module.title.trim(), core: module.core });
			}
			await recordAudit(tx, actor, {
				action: 'settings.changed',
				recordType: 'module_set',
				recordId: id,
				detail: { key: 'modules', modules: modules.length, core: modules.filter((m) => m.core).length }
			});
			return { ok: true } as const;
		})
	);
}
