import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, db, t } from '$lib/server/db';
import { keepPendingForm } from '$lib/server/auth/pending-form';
import { countHit, SIGN_IN_ACCOUNT } from '$lib/server/auth/rate-limit';
import { createSession, touchSession, validateSessionToken } from '$lib/server/auth/session';
import { registerCoreJobs } from '$lib/server/jobs/core';
import { HOUSEKEEPING_JOB } from '$lib/server/jobs/housekeeping';
import { createMailTransport, readMailConfig, type MailTransport } from '$lib/server/outbox/transport';
import { runWorkerOnce } from '$lib/server/outbox/worker';
import { newId } from '$lib/server/util/ids';
import { useTestDatabase } from '../helpers/database';
import { seedWorld } from '../helpers/world';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const now = new Date('2030-06-10T12:00:30Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const meta = { address: '127.0.0.1', userAgent: 'test' };

let closeDb: () => Promise<void>;
let mailDir: string;
let transport: MailTransport;
let userId: string;

beforeAll(async () => {
	({ close: closeDb } = await useTestDatabase());
	userId = (await seedWorld()).services[0].schools[0].actors.dsl.userId;
	mailDir = mkdtempSync(join(tmpdir(), 'divert-housekeeping-mail-'));
	transport = createMailTransport(readMailConfig({ OUTBOX_DIR: mailDir }));
});
afterAll(async () => {
	transport.close();
	rmSync(mailDir, { recursive: true, force: true });
	await closeDb();
});

async function sessionIds() {
	return (await db().select({ id: t.authSession.id }).from(t.authSession)).map((r) => r.id).sort();
}

async function addLink(createdAt: Date, expiresAt: Date, usedAt: Date | null) {
	const id = newId();
	await db().insert(t.authToken).values({ id, userId, purpose: 'reset-password', tokenHash: newId(), createdAt, expiresAt, usedAt });
	return id;
}

async function addOutbox(status: string, doneAt: Date | null, runAt = ago(60 * DAY)) {
	const id = newId();
	await db().insert(t.outbox).values({ id, kind: 'email', payload: '{}', status, runAt, doneAt, createdAt: runAt, attempts: 1 });
	return id;
}

describe('hourly housekeeping', () => {
	it('deletes spent sessions, forms, counters, links and sent mail, and keeps live sessions', async () => {
		const live = await createSession(db(), userId, meta, ago(5 * MINUTE));
		// Timed out 10 minutes ago: kept a day, so a form posted now is still recognised as this person's.
		const timedOut = await createSession(db(), userId, meta, ago(40 * MINUTE));
		const idleLong = await createSession(db(), userId, meta, ago(DAY + 31 * MINUTE));
		// Reached its 12-hour lifetime a day and a minute ago, active until just before.
		const lifetimeOver = await createSession(db(), userId, meta, ago(12 * HOUR + DAY + MINUTE));
		await touchSession(db(), lifetimeOver.session.id, ago(DAY + 2 * MINUTE));
		const lifetimeJustOver = await createSession(db(), userId, meta, ago(12 * HOUR + 5 * MINUTE));
		await touchSession(db(), lifetimeJustOver.session.id, ago(6 * MINUTE));

		const form = new FormData();
		form.append('notes', 'typed before the timeout');
		const staleForm = await keepPendingForm(db(), userId, '/a', form, ago(2 * HOUR));
		const otherUser = (await db().select({ id: t.user.id }).from(t.user).where(eq(t.user.email, 'dsl.1.2@test.example')))[0]!.id;
		const freshForm = await keepPendingForm(db(), otherUser, '/b', form, ago(10 * MINUTE));

		await countHit(db(), 'old-window', SIGN_IN_ACCOUNT, ago(DAY + MINUTE));
		await countHit(db(), 'recent-window', SIGN_IN_ACCOUNT, ago(HOUR));

		const usedLongAgo = await addLink(ago(9 * DAY), ago(8 * DAY), ago(8 * DAY));
		const usedRecently = await addLink(ago(3 * DAY), ago(2 * DAY), ago(2 * DAY + HOUR));
		const expiredLongAgo = await addLink(ago(9 * DAY), ago(8 * DAY), null);
		const expiredRecently = await addLink(ago(2 * DAY), ago(DAY), null);
		const unused = await addLink(ago(HOUR), new Date(now.getTime() + HOUR), null);

		const sentLongAgo = await addOutbox('done', ago(31 * DAY));
		const sentRecently = await addOutbox('done', ago(29 * DAY));
		const failed = await addOutbox('failed', null);
		const later = await addOutbox('pending', null, new Date(now.getTime() + DAY));

		// Statistics the planner chooses indexes by, gone stale: housekeeping refreshes them (db/planner.ts).
		await database().client.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'membership'");

		registerCoreJobs();
		// The core jobs: housekeeping, the overdue-alert sweep, the statistics refresh and the follow-up sweep each run once in this slot.
		expect(await runWorkerOnce(db(), { owner: 'w1', now, transport })).toMatchObject({ claimed: 4, done: 4 });

		expect(await sessionIds()).toEqual([live.session.id, timedOut.session.id, lifetimeJustOver.session.id].sort());
		expect((await validateSessionToken(db(), live.token, now)).status).toBe('valid');
		expect(await validateSessionToken(db(), timedOut.token, now)).toEqual({ status: 'expired', userId });

		const forms = (await db().select().from(t.pendingForm)).map((r) => r.id);
		expect(forms).toEqual([freshForm]);
		expect(forms).not.toContain(staleForm);
		expect((await db().select().from(t.rateLimit)).map((r) => r.key)).toEqual(['recent-window']);
		const links = (await db().select().from(t.authToken)).map((r) => r.id);
		expect(links.sort()).toEqual([usedRecently, expiredRecently, unused].sort());
		expect(links).not.toContain(usedLongAgo);
		expect(links).not.toContain(expiredLongAgo);

		const outbox = await db().select().from(t.outbox);
		expect(outbox.map((r) => r.id)).toEqual(expect.arrayContaining([sentRecently, failed, later]));
		expect(outbox.map((r) => r.id)).not.toContain(sentLongAgo);
		const analysed = await database().client.execute("SELECT idx FROM sqlite_stat1 WHERE tbl = 'membership'");
		expect(analysed.rows.map((r) => String(r.idx))).toContain('membership_service');
		const job = outbox.find((r) => r.dedupeKey === `${HOUSEKEEPING_JOB}@2030-06-10T12:00:00.000Z`);
		expect(job).toMatchObject({ kind: 'job', status: 'done' });
	});
});
