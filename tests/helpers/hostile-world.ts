import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthContext } from '$lib/server/auth/context';
import { closeDatabase, db, startDatabase, t } from '$lib/server/db';
import { insertUser } from '$lib/server/tenancy/provision';
import { FULL, MARKUP } from './hostile';
import { exercise, newTally, plannedSubmissions, prototypeNames, signIn, type ActionSpec, type Tally } from './hostile-run';
import { seedWorld, type World } from './world';

/** The people who post the hostile forms: service 1, school 1.1, each signed in with MFA verified. */
export interface HostileWorld {
	world: World;
	yw: AuthContext;
	admin: AuthContext;
	dsl: AuthContext;
	governor: AuthContext;
	commissioner: AuthContext;
	/** A senior youth worker, who countersigns. */
	senior: AuthContext;
}

/**
 * A fresh database for one hostile-input file. It lives in memory-backed /dev/shm where there is one:
 * thousands of posts each commit with synchronous=FULL, and what is tested here is the app's answers,
 * not the disk (tests/integration/database.test.ts covers durability).
 */
export async function startHostileWorld(): Promise<{ ctx: HostileWorld; close: () => Promise<void> }> {
	const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'divert-hostile-'));
	await closeDatabase();
	await startDatabase({ DATABASE_URL: `file:${join(dir, 'test.db')}` });
	const world = await seedWorld();
	const [s1] = world.services;
	const school = s1.schools[0];
	const ctx: HostileWorld = {
		world,
		yw: await signIn(s1.actors.youth_worker.userId),
		admin: await signIn(s1.actors.provider_admin.userId),
		dsl: await signIn(school.actors.dsl.userId),
		governor: await signIn(school.actors.governor.userId),
		commissioner: await signIn(s1.actors.commissioner.userId),
		senior: await signIn(await db().transaction((tx) => insertUser(tx, { email: 'senior.hostile@test.example', displayName: 'Senior youth worker', role: 'youth_worker', serviceId: s1.id, schoolId: null, senior: true })))
	};
	return {
		ctx,
		close: async () => {
			await closeDatabase();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** A lazily filled world: specs are listed before the database exists and read it when they run. */
export function lazy<T>(): { get: () => T; set: (value: T) => void } {
	let value: T | undefined;
	return {
		get: () => {
			if (value === undefined) throw new Error('the hostile world is not started');
			return value;
		},
		set: (v) => void (value = v)
	};
}

/**
 * Runs one action's hostile posts and asserts the rules: no 500, valid text accepted and stored as
 * typed, as many posts as planned. The tally of the whole file collects the counts.
 */
export async function expectInert(spec: ActionSpec, total: Tally): Promise<void> {
	const names = prototypeNames();
	const tally = newTally();
	await exercise(spec, tally);
	total.submissions += tally.submissions;
	for (const [k, v] of Object.entries(tally.byClass)) total.byClass[k as keyof Tally['byClass']] += v;
	total.serverErrors.push(...tally.serverErrors);
	expect(tally.serverErrors).toEqual([]);
	expect(tally.problems).toEqual([]);
	expect(tally.submissions).toBe(plannedSubmissions(spec));
	expect(prototypeNames()).toEqual(names);
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/**
 * One file of the hostile-input suite: a fresh database, one test per action (every payload class in
 * every field), then the file's totals. The full run (FUZZ=full) posts about eight times as much.
 */
export function describeHostile(title: string, specsOf: (world: () => HostileWorld) => ActionSpec[]): void {
	const world = lazy<HostileWorld>();
	const total = newTally();
	const names = prototypeNames();
	let close: () => Promise<void> = async () => {};
	beforeAll(async () => {
		const started = await startHostileWorld();
		world.set(started.ctx);
		close = started.close;
	});
	afterAll(() => close());
	const specs = specsOf(world.get);
	const planned = specs.reduce((n, spec) => n + plannedSubmissions(spec), 0);
	describe(title, () => {
		for (const spec of specs) {
			it(`${spec.route} ${spec.action} (${Object.keys(spec.fields).length} fields, ${plannedSubmissions(spec)} posts): never a 500, text stored exactly as typed`, () => expectInert(spec, total), FULL ? 1_800_000 : 120_000);
		}
		it(`made all ${planned} posts, none answered with a 500, left Object.prototype untouched and kept the payloads out of the audit log`, async () => {
			expect(total.serverErrors).toEqual([]);
			expect(total.submissions).toBe(planned);
			expect(prototypeNames()).toEqual(names);
			// SECURITY.md 15: audit rows hold ids and action names, never what was typed.
			const details = (await db().select({ detail: t.auditEvent.detail }).from(t.auditEvent)).map((row) => JSON.stringify(row.detail ?? ''));
			expect(details.filter((detail) => MARKUP.some((m) => detail.includes(JSON.stringify(m).slice(1, -1))))).toEqual([]);
		});
	});
}
