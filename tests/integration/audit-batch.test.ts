import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, withAuditBatch, type AuditEntry } from '$lib/server/audit/audit';
import { groupCommitCounts } from '$lib/server/audit/group-commit';
import { db, t } from '$lib/server/db';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

const rowsOf = (prefix: string) => db().select().from(t.auditEvent).where(like(t.auditEvent.action, `${prefix}%`)).orderBy(t.auditEvent.id);
const actor = () => world.services[0].actors.youth_worker;

describe("a request's audit rows, written together", () => {
	it('holds the rows of reads until the request ends, then writes every one, in order, with the time each was recorded', async () => {
		let seenInside = -1;
		const result = await withAuditBatch(async () => {
			await recordAudit(db(), actor(), { action: 'batch-a.viewed', recordType: 'referral', recordId: 'r1' });
			await new Promise((r) => setTimeout(r, 20));
			await recordAudit(db(), actor(), { action: 'batch-a.panel-viewed', recordType: 'referral', recordId: 'r1' });
			seenInside = (await rowsOf('batch-a')).length;
			return 'page';
		});
		expect(result).toBe('page');
		expect(seenInside).toBe(0);
		const rows = await rowsOf('batch-a');
		expect(rows.map((r) => r.action)).toEqual(['batch-a.viewed', 'batch-a.panel-viewed']);
		expect(rows[1]!.at.getTime() - rows[0]!.at.getTime()).toBeGreaterThanOrEqual(15);
		expect(rows[0]).toMatchObject({ actorUserId: actor().userId, actorRole: 'youth_worker', recordId: 'r1' });
	});

	it("never holds a change's row: it is written in the change's own transaction", async () => {
		let inside = -1;
		await withAuditBatch(async () => {
			await db().transaction(async (tx) => {
				await recordAudit(tx, actor(), { action: 'batch-b.changed' });
			});
			inside = (await rowsOf('batch-b')).length;
		});
		expect(inside).toBe(1);
	});

	it('a change rolled back takes its row with it, while the reads before it are still written', async () => {
		await expect(
			withAuditBatch(async () => {
				await recordAudit(db(), actor(), { action: 'batch-c.viewed' });
				await db().transaction(async (tx) => {
					await recordAudit(tx, actor(), { action: 'batch-c.changed' });
					throw new Error('the change failed');
				});
			})
		).rejects.toThrow('the change failed');
		expect((await rowsOf('batch-c')).map((r) => r.action)).toEqual(['batch-c.viewed']);
	});

	it('writes a row recorded after the request ended (by work that outlived it) at once', async () => {
		let late: Promise<void> = Promise.resolve();
		await withAuditBatch(async () => {
			late = new Promise((r) => setTimeout(r, 30)).then(() => recordAudit(db(), actor(), { action: 'batch-d.late' }));
		});
		await late;
		expect((await db().select().from(t.auditEvent).where(eq(t.auditEvent.action, 'batch-d.late'))).length).toBe(1);
	});

	it('writes at once, as before, outside a batch', async () => {
		await recordAudit(db(), actor(), { action: 'batch-e.viewed' });
		expect((await rowsOf('batch-e')).length).toBe(1);
	});

	it('writes the rows of requests that end together in one commit, and each request waits for its own rows', async () => {
		const before = { ...groupCommitCounts };
		const seenAtEnd: number[] = [];
		await Promise.all(
			[1, 2, 3, 4, 5].map((n) =>
				withAuditBatch(async () => {
					await recordAudit(db(), actor(), { action: `batch-f.${n}.viewed` });
					await recordAudit(db(), actor(), { action: `batch-f.${n}.panel-viewed` });
				}).then(async () => seenAtEnd.push((await rowsOf(`batch-f.${n}.`)).length))
			)
		);
		expect(seenAtEnd).toEqual([2, 2, 2, 2, 2]);
		expect((await rowsOf('batch-f')).length).toBe(10);
		expect(groupCommitCounts.commits - before.commits).toBe(1);
		expect(groupCommitCounts.requests - before.requests).toBe(5);
	});

	it('fails only the request whose own rows cannot be written when a group commit fails', async () => {
		const unwritable = { action: null } as unknown as AuditEntry;
		const results = await Promise.allSettled([
			withAuditBatch(() => recordAudit(db(), actor(), { action: 'batch-g.first' })),
			withAuditBatch(() => recordAudit(db(), actor(), unwritable)),
			withAuditBatch(() => recordAudit(db(), actor(), { action: 'batch-g.third' }))
		]);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect((await rowsOf('batch-g')).map((r) => r.action).sort()).toEqual(['batch-g.first', 'batch-g.third']);
	});
});
