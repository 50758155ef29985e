import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { db, isAppDatabase, t } from '$lib/server/db';
import { preparedByShape, preparedOnEither, preparedQuery } from '$lib/server/db/prepared';
import { useTestDatabase } from '../helpers/database';
import { seedWorld } from '../helpers/world';

/* Queries built once per database and shape, and run with values (db/prepared.ts, issue 8). */

let close: (() => Promise<void>) | undefined;
afterAll(() => close?.());

describe('prepared queries', () => {
	it('builds each shape once per database, runs it with each call’s values, and shows it with them', async () => {
		({ close } = await useTestDatabase());
		const world = await seedWorld();
		const builds: string[] = [];
		const schools = preparedByShape((q, shape: 'by id' | 'by service') => {
			builds.push(shape);
			return q
				.select({ id: t.school.id, name: t.school.name })
				.from(t.school)
				.where(shape === 'by id' ? eq(t.school.id, sql.placeholder('id')) : eq(t.school.serviceId, sql.placeholder('serviceId')))
				.orderBy(t.school.name)
				.prepare();
		});
		const [first, second] = world.services[0].schools;
		expect((await schools('by id', { id: first.id }).all()).map((s) => s.id)).toEqual([first.id]);
		expect((await schools('by id', { id: second.id }).all()).map((s) => s.id)).toEqual([second.id]);
		const inService = await schools('by service', { serviceId: world.services[1].id }).all();
		expect(inService.map((s) => s.id).sort()).toEqual(world.services[1].schools.map((s) => s.id).sort());
		expect(builds).toEqual(['by id', 'by service']);
		expect(schools('by id', { id: first.id }).toSQL()).toEqual({ sql: expect.stringContaining('where "school"."id" = ?'), params: [first.id] });

		// Another database (a restore, a test's fresh file) gets its own statements.
		await close?.();
		({ close } = await useTestDatabase());
		expect(await schools('by id', { id: first.id }).all()).toEqual([]);
		expect(builds).toEqual(['by id', 'by service', 'by id']);
	});

	it('takes a column’s stored form for a placeholder: epoch milliseconds for a timestamp', async () => {
		const byCreated = preparedQuery((q) => q.select({ id: t.service.id }).from(t.service).where(sql`${t.service.createdAt} <= ${sql.placeholder('at')}`).prepare());
		await seedWorld();
		expect((await byCreated({ at: Date.now() + 60_000 }).all()).length).toBeGreaterThan(0);
		expect(await byCreated({ at: 0 }).all()).toEqual([]);
	});

	it('runs the same query in a transaction, seeing the transaction’s own changes', async () => {
		const nameOf = preparedOnEither((q) => q.select({ name: t.school.name }).from(t.school).where(eq(t.school.id, sql.placeholder('id'))).prepare());
		const [school] = await db().select().from(t.school).limit(1);
		if (!school) throw new Error('no school');
		await db()
			.transaction(async (tx) => {
				await tx.update(t.school).set({ name: 'Renamed in the transaction' }).where(eq(t.school.id, school.id));
				expect(await nameOf(tx, { id: school.id })).toEqual([{ name: 'Renamed in the transaction' }]);
				tx.rollback();
			})
			.catch(() => undefined);
		expect(await nameOf(db(), { id: school.id })).toEqual([{ name: school.name }]);
	});

	it('knows the app’s database from a transaction', async () => {
		expect(isAppDatabase(db())).toBe(true);
		await db().transaction(async (tx) => {
			expect(isAppDatabase(tx)).toBe(false);
		});
	});
});
