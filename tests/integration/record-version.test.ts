import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, t } from '$lib/server/db';
import { schoolHome, type SchoolHomeData } from '$lib/server/home/school-home';
import { casePage, type CasePageData } from '$lib/server/referrals/case-page';
import { caseScope, recordVersions, schoolScope, SHARED_SCOPE } from '$lib/server/render/kept-pages';
import { decideTriage } from '$lib/server/triage/triage';
import { useTestDatabase } from '../helpers/database';
import { noConcerns, submittedCase } from '../helpers/case';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

/**
 * Tables nothing kept in memory shows, so no trigger watches them. Any other table must bump the
 * record versions (migration 0013), or a kept case page or home page could outlive a change to it.
 */
const NOT_SHOWN: Record<string, string> = {
	audit_event: 'the audit log, append-only; its own page reads it live',
	auth_session: 'sign-in state',
	auth_token: 'sign-in state',
	rate_limit: 'sign-in throttling',
	pending_form: 'answers held over a step-up sign-in',
	recovery_code: 'sign-in state',
	outbox: 'email waiting to be sent',
	referral_statistic: 'reports, kept under report_version (migration 0010)',
	escalation_statistic: 'reports, kept under report_version (migration 0010)',
	statistic_refresh: 'the statistics queue',
	report_version: 'the reports’ own counter',
	record_version: 'this counter',
	migration_lock: 'migrations'
};

async function triggersByTable(): Promise<Map<string, string[]>> {
	const rows = await db().all<{ name: string; tbl_name: string }>(sql`select name, tbl_name from sqlite_master where type = 'trigger' and name like '%_record_version_%'`);
	const by = new Map<string, string[]>();
	for (const r of rows) by.set(r.tbl_name, [...(by.get(r.tbl_name) ?? []), r.name]);
	return by;
}

describe('record versions: every table a kept page shows is watched (issue 8)', () => {
	it('has an insert, update and delete trigger on every table but those named as not shown', async () => {
		const tables = (await db().all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '\\_\\_%' escape '\\'`)).map((r) => r.name);
		const triggers = await triggersByTable();
		const unwatched = tables.filter((name) => !(name in NOT_SHOWN)).filter((name) => (triggers.get(name) ?? []).length !== 3);
		expect(unwatched).toEqual([]);
		expect(Object.keys(NOT_SHOWN).filter((name) => !tables.includes(name))).toEqual([]);
		expect(Object.keys(NOT_SHOWN).filter((name) => triggers.has(name))).toEqual([]);
	});

	it('bumps the case’s and its school’s versions when the case changes, and only theirs', async () => {
		const school = world.services[0].schools[0];
		const id = await submittedCase(school.actors.dsl);
		const other = await submittedCase(world.services[0].schools[1].actors.dsl);
		const scopes = [caseScope(id), schoolScope(school.id), caseScope(other), schoolScope(world.services[0].schools[1].id), SHARED_SCOPE];
		const before = await recordVersions(scopes);
		await db().update(t.referral).set({ reviewFlag: true }).where(eq(t.referral.id, id));
		await db().insert(t.caseEvent).values({ referralId: id, serviceId: world.services[0].id, schoolId: school.id, kind: 'edited', at: new Date(), schoolVisible: true });
		const after = await recordVersions(scopes);
		expect(after[0]).toBeGreaterThanOrEqual((before[0] ?? 0) + 2);
		expect(after[1]).toBeGreaterThanOrEqual((before[1] ?? 0) + 2);
		expect(after.slice(2)).toEqual(before.slice(2));
	});

	it('bumps the shared version for a user’s name but not for sign-in bookkeeping', async () => {
		const user = world.services[0].actors.youth_worker.userId;
		const [start] = await recordVersions([SHARED_SCOPE]);
		await db().update(t.user).set({ totpLastStep: 12345 }).where(eq(t.user.id, user));
		expect(await recordVersions([SHARED_SCOPE])).toEqual([start]);
		await db().update(t.user).set({ displayName: 'Renamed Worker' }).where(eq(t.user.id, user));
		expect((await recordVersions([SHARED_SCOPE]))[0]).toBe((start ?? 0) + 1);
	});
});

describe('the case page is kept while nothing on it changes, and never after (issue 8)', () => {
	let renders = 0;
	const render = (data: CasePageData) => {
		renders++;
		return `${data.view.stateLabel} · ${data.view.chronology.map((e) => e.what).join(' / ')} · ${data.view.chronology.map((e) => e.who).join(' / ')}`;
	};
	const viewedRows = async (referralId: string, userId: string) =>
		(await db().select().from(t.auditEvent).where(and(eq(t.auditEvent.action, 'referral.viewed'), eq(t.auditEvent.recordId, referralId), eq(t.auditEvent.actorUserId, userId)))).length;

	it('serves the kept page again, writing the read’s audit rows every time', async () => {
		const school = world.services[0].schools[0];
		const worker = world.services[0].actors.youth_worker;
		const id = await submittedCase(school.actors.dsl);
		const now = Date.now();
		const first = await casePage(worker, id, render, now);
		const rendersAfterFirst = renders;
		const second = await casePage(worker, id, render, now);
		expect(second).toBe(first);
		expect(renders).toBe(rendersAfterFirst);
		expect(await viewedRows(id, worker.userId)).toBe(2);
	});

	it('builds afresh after a change to the case, showing it', async () => {
		const school = world.services[0].schools[0];
		const worker = world.services[0].actors.youth_worker;
		const id = await submittedCase(school.actors.dsl);
		const now = Date.now();
		const before = await casePage(worker, id, render, now);
		expect(before?.body.html).toContain('Submitted');
		const decided = await decideTriage(
			worker,
			id,
			{ answers: noConcerns(), levelOfNeed: 1, rag: 'green', leadYouthWorkerId: worker.userId, decision: 'accept', holdReason: '', notSuitableReason: '', redirectedTo: '', escalations: {} },
			0
		);
		expect(decided.ok).toBe(true);
		const after = await casePage(worker, id, render, now);
		expect(after).not.toBe(before);
		expect(after?.heading.stateLabel).not.toBe(before?.heading.stateLabel);
		expect(after?.body.html).toContain(after?.heading.stateLabel);
	});

	it('builds afresh after a change to a shared record it shows (a user’s name)', async () => {
		const school = world.services[0].schools[1];
		const worker = world.services[0].actors.youth_worker;
		const id = await submittedCase(school.actors.dsl);
		const now = Date.now();
		const before = await casePage(worker, id, render, now);
		await db().update(t.user).set({ displayName: 'Dana Renamed' }).where(eq(t.user.id, school.actors.dsl.userId));
		const after = await casePage(worker, id, render, now);
		expect(after).not.toBe(before);
		expect(after?.body.html).toContain('Dana Renamed');
	});

	it('keeps each person’s page apart, and a school outside the case gets nothing', async () => {
		const school = world.services[0].schools[0];
		const id = await submittedCase(school.actors.dsl);
		const now = Date.now();
		const worker = await casePage(world.services[0].actors.youth_worker, id, render, now);
		const dsl = await casePage(school.actors.dsl, id, render, now);
		expect(dsl).not.toBe(worker);
		expect(await casePage(world.services[0].schools[1].actors.dsl, id, render, now)).toBeNull();
		expect(await casePage(world.services[1].actors.youth_worker, id, render, now)).toBeNull();
		expect(await casePage(school.actors.governor, id, render, now)).toBeNull();
	});

	it('builds afresh in the next minute, as timers turn overdue with the clock', async () => {
		const id = await submittedCase(world.services[0].schools[0].actors.dsl);
		const worker = world.services[0].actors.youth_worker;
		const now = Date.now();
		const first = await casePage(worker, id, render, now);
		expect(await casePage(worker, id, render, now + 60_000)).not.toBe(first);
	});
});

describe('a school’s home is kept while nothing at the school changes (issue 8)', () => {
	let renders = 0;
	const render = (data: SchoolHomeData) => {
		renders++;
		return data.home.list.rows.map((r) => `${r.displayName} ${r.state}`).join(' / ');
	};
	const listRows = async (userId: string) => (await db().select().from(t.auditEvent).where(and(eq(t.auditEvent.action, 'referral.list'), eq(t.auditEvent.actorUserId, userId)))).length;

	it('serves the kept list again with its audit rows, and builds afresh when a referral at the school changes', async () => {
		const school = world.services[1].schools[0];
		const dsl = school.actors.dsl;
		const now = Date.now();
		const rowsBefore = await listRows(dsl.userId);
		const first = await schoolHome(dsl, {}, false, render, now);
		const built = renders;
		expect(await schoolHome(dsl, {}, false, render, now)).toBe(first);
		expect(renders).toBe(built);
		expect(await listRows(dsl.userId)).toBe(rowsBefore + 2);

		// Another school's change leaves it kept; its own school's shows at once.
		await submittedCase(world.services[1].schools[1].actors.dsl);
		expect(await schoolHome(dsl, {}, false, render, now)).toBe(first);
		const id = await submittedCase(dsl, { pupil: { legalForename: 'Keptpage', legalSurname: 'Testcase' } });
		const after = await schoolHome(dsl, {}, false, render, now);
		expect(after).not.toBe(first);
		expect(after.body.html).toContain('Keptpage');
		expect(id).toBeTruthy();
	});

	it('keeps a search apart from the home view, and one lead’s page from another’s', async () => {
		const school = world.services[1].schools[0];
		const now = Date.now();
		const home = await schoolHome(school.actors.dsl, {}, false, render, now);
		const search = await schoolHome(school.actors.dsl, { search: 'Keptpage' }, true, render, now);
		expect(search).not.toBe(home);
		expect(await schoolHome(school.actors.deputy_dsl, {}, false, render, now)).not.toBe(home);
	});
});
