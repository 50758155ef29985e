import { and, eq, sql } from 'drizzle-orm';
import { t, type Queryable, type Tx } from '../db';
import { preparedOnEither } from '../db/prepared';
import { caseModuleSet } from '../programme/module-set';
import { currentModuleSet, type ModuleSet } from '../settings/modules';

/**
 * The modules a session covers (DOMAIN.md §3 step 6). Each case keeps the module set it started with,
 * so one group can hold cases from different sets. The choice made here, kept deliberately simple:
 * the form offers modules by title across the service's current set and every attendee's set (titles
 * are what a youth worker recognises), and the session stores, for each title chosen, the id of the
 * module with that title in EVERY one of those sets. A case's progress is then read by module id in
 * its own set, and a module whose title changed between sets is simply a different module. When a
 * young person joins later, the ids of their set's modules with the covered titles are added.
 */
export interface ModuleOption {
	value: string;
	label: string;
}

const key = (title: string) => title.trim().toLocaleLowerCase('en-GB');

/** The service's current set and the sets of the session's attendees' cases. */
async function setsFor(q: Queryable, serviceId: string, sessionId: string | null): Promise<ModuleSet[]> {
	const sets: ModuleSet[] = [];
	const current = await currentModuleSet(q, serviceId);
	if (current) sets.push(current);
	if (sessionId) {
		const cases = await q
			.select({ id: t.referral.id, serviceId: t.referral.serviceId, moduleSetId: t.referral.moduleSetId })
			.from(t.supportSessionAttendee)
			.innerJoin(t.referral, eq(t.referral.id, t.supportSessionAttendee.referralId))
			.where(and(eq(t.supportSessionAttendee.sessionId, sessionId), eq(t.referral.serviceId, serviceId)));
		for (const c of cases) {
			const set = await caseModuleSet(q, c);
			if (set && !sets.some((s) => s.id === set.id)) sets.push(set);
		}
	}
	return sets;
}

/** Checkbox options, one per title, in the order the modules come in their sets. */
export async function moduleOptions(q: Queryable, serviceId: string, sessionId: string | null): Promise<ModuleOption[]> {
	const options = new Map<string, ModuleOption>();
	for (const set of await setsFor(q, serviceId, sessionId)) {
		for (const m of set.modules) if (!options.has(key(m.title))) options.set(key(m.title), { value: m.title, label: m.core ? `${m.title} (core)` : m.title });
	}
	return [...options.values()];
}

/** The titles a session covers now, as the form shows them. */
export async function coveredTitles(q: Queryable, sessionId: string): Promise<string[]> {
	const rows = await q
		.select({ title: t.programmeModule.title })
		.from(t.supportSessionModule)
		.innerJoin(t.programmeModule, eq(t.programmeModule.id, t.supportSessionModule.moduleId))
		.where(eq(t.supportSessionModule.sessionId, sessionId));
	const seen = new Map<string, string>();
	for (const r of rows) if (!seen.has(key(r.title))) seen.set(key(r.title), r.title);
	return [...seen.values()];
}

/** Titles not on offer for this session (a form posted with a title that is not there). */
export async function unknownTitles(q: Queryable, serviceId: string, sessionId: string | null, titles: string[]): Promise<string[]> {
	const offered = new Set((await moduleOptions(q, serviceId, sessionId)).map((o) => key(o.value)));
	return titles.filter((title) => !offered.has(key(title)));
}

/** Replaces the session's modules with those of the given titles, across the relevant sets. */
export async function storeModules(tx: Tx, serviceId: string, sessionId: string, titles: string[]): Promise<void> {
	const wanted = new Set(titles.map(key));
	const ids = new Set<string>();
	for (const set of await setsFor(tx, serviceId, sessionId)) for (const m of set.modules) if (wanted.has(key(m.title))) ids.add(m.id);
	await tx.delete(t.supportSessionModule).where(eq(t.supportSessionModule.sessionId, sessionId));
	if (ids.size > 0) await tx.insert(t.supportSessionModule).values([...ids].map((moduleId) => ({ sessionId, moduleId })));
}

/** Module titles per session, for lists and panels. */
/** Any number of sessions in one shape: the ids go in as one JSON array (db/prepared.ts). */
const titlesQuery = preparedOnEither((q) =>
	q
		.select({ sessionId: t.supportSessionModule.sessionId, title: t.programmeModule.title, position: t.programmeModule.position })
		.from(t.supportSessionModule)
		.innerJoin(t.programmeModule, eq(t.programmeModule.id, t.supportSessionModule.moduleId))
		.where(sql`${t.supportSessionModule.sessionId} in (select value from json_each(${sql.placeholder('ids')}))`)
		.prepare()
);

export async function titlesBySession(q: Queryable, sessionIds: string[]): Promise<Map<string, string[]>> {
	const result = new Map<string, string[]>();
	if (sessionIds.length === 0) return result;
	const rows = await titlesQuery(q, { ids: JSON.stringify(sessionIds) });
	rows.sort((a, b) => a.position - b.position);
	for (const r of rows) {
		const list = result.get(r.sessionId) ?? [];
		if (!list.some((title) => key(title) === key(r.title))) list.push(r.title);
		result.set(r.sessionId, list);
	}
	return result;
}
