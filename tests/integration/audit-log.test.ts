import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, searchAudit } from '$lib/server/audit/audit';
import { auditFilterOptions, viewAuditLog, type AuditFilterInput } from '$lib/server/audit/audit-log';
import { exportAuditLog } from '$lib/server/audit/export';
import { db, t } from '$lib/server/db';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	const [one, two] = world.services;
	for (const service of [one, two]) {
		await recordAudit(db(), service.actors.youth_worker, { action: 'referral.viewed', recordType: 'referral', recordId: `ref-${service.name}` });
		await recordAudit(db(), service.schools[0].actors.dsl, { action: 'referral.created', recordType: 'referral', recordId: `new-${service.name}` });
	}
	await recordAudit(db(), one.actors.youth_worker, { action: 'referral.viewed', recordType: 'referral', recordId: '=HYPERLINK("http://evil.example","Click")' });
	// Rows either side of midnight in England during summer time (BST, UTC+1).
	await db().insert(t.auditEvent).values([
		{ at: new Date('2026-06-30T22:30:00Z'), action: 'test.dated', serviceId: one.id, recordId: 'late-30-june' },
		{ at: new Date('2026-06-30T23:30:00Z'), action: 'test.dated', serviceId: one.id, recordId: 'early-1-july' }
	]);
});
afterAll(() => close());

const ANY: AuditFilterInput = { action: '', userId: '', recordId: '', from: null, to: null, before: null };

async function csvOf(stream: ReadableStream<Uint8Array>): Promise<string> {
	return new Response(stream).text();
}

describe('searching the audit log', () => {
	it('finds only the rows of the service asked for', async () => {
		const [one, two] = world.services;
		const rows = await searchAudit(db(), two.id, { limit: 1000 });
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((row) => row.serviceId === two.id)).toBe(true);
		expect(rows.map((row) => row.recordId)).not.toContain(`ref-${one.name}`);
	});

	it('filters by action, user and record id, newest first', async () => {
		const one = world.services[0];
		const viewed = await viewAuditLog(one.actors.provider_admin, { ...ANY, action: 'referral.viewed' });
		expect(viewed.rows.map((row) => row.record)).toEqual(['referral =HYPERLINK("http://evil.example","Click")', `referral ref-${one.name}`]);
		const byUser = await viewAuditLog(one.actors.provider_admin, { ...ANY, userId: one.schools[0].actors.dsl.userId });
		expect(byUser.rows.map((row) => [row.action, row.user, row.role, row.school])).toEqual([['referral.created', 'dsl 1.1', 'Designated safeguarding lead', 'Test School 1.1']]);
		const byRecord = await viewAuditLog(one.actors.provider_admin, { ...ANY, recordId: `new-${one.name}` });
		expect(byRecord.rows).toHaveLength(1);
	});

	it('takes a date range as whole days in England, both ends included', async () => {
		const admin = world.services[0].actors.provider_admin;
		const records = async (from: string | null, to: string | null) => (await viewAuditLog(admin, { ...ANY, action: 'test.dated', from, to })).rows.map((row) => row.record);
		expect(await records('2026-07-01', null)).toEqual(['early-1-july']);
		expect(await records(null, '2026-06-30')).toEqual(['late-30-june']);
		expect(await records('2026-06-30', '2026-07-01')).toEqual(['early-1-july', 'late-30-june']);
	});

	it('pages by keyset: each page continues below the last id shown, with no gaps or repeats', async () => {
		const admin = world.services[0].actors.provider_admin;
		const filter = { ...ANY, action: 'referral.viewed' };
		const first = await viewAuditLog(admin, filter, 1);
		expect(first.rows).toHaveLength(1);
		expect(first.olderThan).toBe(first.rows[0]?.id);
		const second = await viewAuditLog(admin, { ...filter, before: first.olderThan }, 1);
		expect(second.rows).toHaveLength(1);
		expect(second.rows[0]?.id).toBeLessThan(first.rows[0]?.id ?? 0);
		expect(second.olderThan).toBeNull();
	});

	it('records each view of the list with the filters used, but not a typed record id', async () => {
		const one = world.services[0];
		const admin = one.actors.provider_admin;
		await viewAuditLog(admin, { ...ANY, action: 'referral.viewed', recordId: 'Jane Smith', from: '2026-01-01' });
		const [row] = await searchAudit(db(), one.id, { action: 'audit.list', limit: 1 });
		expect(row).toMatchObject({ actorUserId: admin.userId, actorRole: 'provider_admin', address: '127.0.0.1' });
		expect(JSON.parse(row?.detail ?? '{}')).toEqual({ filters: 'action,recordId,from', action: 'referral.viewed', userId: null, from: '2026-01-01', to: null, page: 'newest' });
		expect(row?.detail).not.toContain('Jane');
	});

	it('offers the actions and users of the admin’s own service only', async () => {
		const [one, two] = world.services;
		const options = await auditFilterOptions(db(), two.id);
		expect(options.actions).toContain('referral.viewed');
		expect(options.actions).not.toContain('test.dated');
		expect(options.users.map((user) => user.id)).toContain(two.actors.youth_worker.userId);
		expect(options.users.map((user) => user.id)).not.toContain(one.actors.youth_worker.userId);
		expect(options.users.find((user) => user.id === two.actors.youth_worker.userId)?.label).toBe('youth_worker 2 (Youth worker)');
	});

	it('never shows the service-2 admin a service-1 row, whatever the filter', async () => {
		const [one, two] = world.services;
		const admin = two.actors.provider_admin;
		for (const filter of [ANY, { ...ANY, userId: one.actors.youth_worker.userId }, { ...ANY, recordId: `ref-${one.name}` }, { ...ANY, action: 'test.dated' }]) {
			const page = await viewAuditLog(admin, filter);
			expect(page.rows.every((row) => !row.record.includes(one.name) && !row.user.includes(' 1'))).toBe(true);
		}
		expect((await viewAuditLog(admin, { ...ANY, userId: one.actors.youth_worker.userId })).rows).toEqual([]);
	});

	it('is read by provider admins only, even if a route forgot its guard', async () => {
		await expect(viewAuditLog(world.services[0].actors.youth_worker, ANY)).rejects.toThrow(/provider admin/);
		await expect(exportAuditLog(world.services[0].schools[0].actors.dsl, ANY)).rejects.toThrow(/provider admin/);
	});
});

describe('exporting the audit log', () => {
	it('streams the filtered rows as CSV with formulas made inert, and records the export', async () => {
		const one = world.services[0];
		const admin = one.actors.provider_admin;
		const csv = await csvOf(await exportAuditLog(admin, { ...ANY, action: 'referral.viewed' }));
		const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
		expect(lines[0]).toBe('"Entry","Time (UK)","User","User id","Role","Action","Record type","Record id","School","Address","Detail"');
		expect(lines).toHaveLength(3);
		expect(lines[1]).toContain(`,"referral","'=HYPERLINK(""http://evil.example"",""Click"")",`);
		const [exported] = await searchAudit(db(), one.id, { action: 'audit.exported', limit: 1 });
		expect(exported).toMatchObject({ actorUserId: admin.userId, recordType: 'audit_event' });
		expect(JSON.parse(exported?.detail ?? '{}')).toMatchObject({ filters: 'action', action: 'referral.viewed' });
	});

	it('escapes a cell that starts with a formula, and keeps commas, quotes and newlines inside their cell', async () => {
		const one = world.services[0];
		const yw = one.actors.youth_worker;
		await db().update(t.user).set({ displayName: '=cmd|"/c calc"!A1, Jo\nSmith' }).where(eq(t.user.id, yw.userId));
		await recordAudit(db(), yw, { action: 'test.escaping', recordId: '+1' });
		const csv = await csvOf(await exportAuditLog(one.actors.provider_admin, { ...ANY, action: 'test.escaping' }));
		expect(csv).toContain(`"'=cmd|""/c calc""!A1, Jo\nSmith"`);
		expect(csv).toContain(`"test.escaping","","'+1"`);
		expect(csv).not.toMatch(/(^|,)"=/m);
	});

	it('exports the log as it stood when the export began, never another service’s rows', async () => {
		const [one, two] = world.services;
		const stream = await exportAuditLog(two.actors.provider_admin, ANY);
		await recordAudit(db(), two.actors.youth_worker, { action: 'referral.viewed', recordId: 'after-the-export-began' });
		const csv = await csvOf(stream);
		expect(csv).not.toContain('after-the-export-began');
		expect(csv).not.toContain(one.name);
		expect(csv).not.toContain('dsl 1.1');
		for (const actor of [one.actors.youth_worker, one.actors.provider_admin, one.schools[0].actors.dsl]) expect(csv).not.toContain(`,"${actor.userId}",`);
		expect(csv).toContain(`ref-${two.name}`);
		const exported = await db()
			.select()
			.from(t.auditEvent)
			.where(and(eq(t.auditEvent.serviceId, two.id), eq(t.auditEvent.action, 'audit.exported')));
		expect(exported).toHaveLength(1);
	});
});
