import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '$lib/server/auth/actor';
import { createSession, validateSessionToken } from '$lib/server/auth/session';
import { db, t } from '$lib/server/db';
import { activeSessionsOf, endAllSessionsOfUser, endOtherSessions, endOwnSession } from '$lib/server/users/active-sessions';
import { describeUserAgent } from '$lib/server/users/user-agent';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

/** Signs the person in `n` times, each from its own browser; the first is the one "in use". */
async function signedIn(base: Actor, agents: string[]) {
	const sessions = [];
	for (const userAgent of agents) sessions.push(await createSession(db(), base.userId, { address: '203.0.113.9', userAgent, mfaVerifiedAt: new Date() }));
	const [first] = sessions;
	if (!first) throw new Error('no session');
	return { actor: { ...base, sessionId: first.session.id }, tokens: sessions.map((s) => s.token) };
}

const valid = async (token: string) => (await validateSessionToken(db(), token)).status;

describe('where a person is signed in (SECURITY.md)', () => {
	it('lists their own sessions, this one first, by browser, never showing a session id', async () => {
		const { actor } = await signedIn(world.services[0].schools[0].actors.dsl, [CHROME_WINDOWS, SAFARI_IPHONE]);
		const list = await activeSessionsOf(actor);
		expect(list.map((s) => [s.current, s.browser])).toEqual([
			[true, 'Chrome on Windows'],
			[false, 'Safari on iOS']
		]);
		const ids = (await db().select({ id: t.authSession.id }).from(t.authSession).where(eq(t.authSession.userId, actor.userId))).map((s) => s.id);
		for (const id of ids) expect(JSON.stringify(list)).not.toContain(id);
	});

	it('ends one other session by its handle, but never the one in use or someone else’s', async () => {
		const { actor, tokens } = await signedIn(world.services[0].schools[1].actors.dsl, [CHROME_WINDOWS, SAFARI_IPHONE]);
		const other = await signedIn(world.services[0].schools[0].actors.deputy_dsl, [CHROME_WINDOWS]);
		const [mine, theirs] = [await activeSessionsOf(actor), await activeSessionsOf(other.actor)];
		expect(await endOwnSession(actor, mine[0]?.handle ?? '')).toBe(false);
		expect(await endOwnSession(actor, theirs[0]?.handle ?? '')).toBe(false);
		expect(await valid(other.tokens[0] ?? '')).toBe('valid');
		expect(await endOwnSession(actor, mine[1]?.handle ?? '')).toBe(true);
		expect(await valid(tokens[1] ?? '')).toBe('invalid');
		expect(await valid(tokens[0] ?? '')).toBe('valid');
		const audit = await db().select().from(t.auditEvent).where(and(eq(t.auditEvent.action, 'auth.session-ended'), eq(t.auditEvent.actorUserId, actor.userId)));
		expect(audit).toHaveLength(1);
	});

	it('signs out everywhere else, keeping this session', async () => {
		const { actor, tokens } = await signedIn(world.services[0].actors.youth_worker, [CHROME_WINDOWS, SAFARI_IPHONE, SAFARI_IPHONE]);
		expect(await endOtherSessions(actor)).toBe(2);
		expect(await Promise.all(tokens.map(valid))).toEqual(['valid', 'invalid', 'invalid']);
	});

	it('lets an admin end every session of a user of their service, and no one else’s', async () => {
		const target = world.services[0].schools[0].actors.governor;
		const { tokens } = await signedIn(target, [CHROME_WINDOWS, SAFARI_IPHONE]);
		expect(await endAllSessionsOfUser(world.services[1].actors.provider_admin, target.userId)).toBe(false);
		expect(await Promise.all(tokens.map(valid))).toEqual(['valid', 'valid']);
		expect(await endAllSessionsOfUser(world.services[0].actors.provider_admin, target.userId)).toBe(true);
		expect(await Promise.all(tokens.map(valid))).toEqual(['invalid', 'invalid']);
		const audit = await db().select().from(t.auditEvent).where(eq(t.auditEvent.action, 'admin.user.sessions-ended'));
		expect(audit.map((a) => a.recordId)).toEqual([target.userId]);
	});
});

describe('browser names', () => {
	it('names common browsers and systems, and admits when it cannot', () => {
		expect(describeUserAgent(CHROME_WINDOWS)).toBe('Chrome on Windows');
		expect(describeUserAgent(SAFARI_IPHONE)).toBe('Safari on iOS');
		expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Firefox on Linux');
		expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/130.0 Safari/537.36 Edg/130.0')).toBe('Edge on Windows');
		expect(describeUserAgent('curl/8.0')).toBe('An unknown browser');
	});
});
