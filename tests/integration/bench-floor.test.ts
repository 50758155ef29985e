import { isHttpError } from '@sveltejs/kit';
import { count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { benchFloorsEnabled } from '$lib/server/bench/floor';
import { db, t } from '$lib/server/db';
import { POST } from '../../src/routes/(public)/bench/write-floor/+server';
import { useTestDatabase } from '../helpers/database';
import { fakeEvent } from '../helpers/event';

let close: () => Promise<void>;
const before = process.env.BENCH;
beforeAll(async () => {
	({ close } = await useTestDatabase());
});
afterEach(() => {
	if (before === undefined) delete process.env.BENCH;
	else process.env.BENCH = before;
});
afterAll(() => close());

type PostEvent = Parameters<typeof POST>[0];
const post = () => POST(fakeEvent({ path: '/bench/write-floor', method: 'POST' }) as unknown as PostEvent);
const floorRows = async () => (await db().select({ n: count() }).from(t.auditEvent).where(eq(t.auditEvent.action, 'bench.write-floor')))[0]?.n;

describe('the bench write floor', () => {
	it('is on only when BENCH is exactly 1', () => {
		expect(benchFloorsEnabled({ BENCH: '1' })).toBe(true);
		for (const value of [undefined, '', '0', 'true', 'yes']) expect(benchFloorsEnabled({ BENCH: value })).toBe(false);
	});

	it('is a 404 that writes nothing on a server started without BENCH=1', async () => {
		delete process.env.BENCH;
		const outcome = await Promise.resolve().then(post).then(
			() => 'allowed',
			(e: unknown) => (isHttpError(e) ? `error ${e.status}` : 'other')
		);
		expect(outcome).toBe('error 404');
		expect(await floorRows()).toBe(0);
	});

	it('commits exactly one audit row, with no user, per request when BENCH=1', async () => {
		process.env.BENCH = '1';
		const response = await post();
		expect(response.status).toBe(204);
		await post();
		const rows = await db().select().from(t.auditEvent).where(eq(t.auditEvent.action, 'bench.write-floor'));
		expect(rows).toHaveLength(2);
		expect(rows[0]).toMatchObject({ actorUserId: null, actorRole: null, serviceId: null, schoolId: null, address: '127.0.0.1' });
	});
});
