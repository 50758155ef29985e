import { isHttpError, isRedirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, searchAudit } from '$lib/server/audit/audit';
import { loadAuthContext, type AuthContext } from '$lib/server/auth/context';
import { createSession } from '$lib/server/auth/session';
import { db, t } from '$lib/server/db';
import { load } from '../../src/routes/(app)/admin/audit/+page.server';
import { GET } from '../../src/routes/(app)/admin/audit/export/+server';
import { useTestDatabase } from '../helpers/database';
import { fakeEvent } from '../helpers/event';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	for (const service of world.services) {
		await recordAudit(db(), service.actors.youth_worker, { action: 'referral.viewed', recordType: 'referral', recordId: `case-of-${service.id}` });
	}
});
afterAll(() => close());

async function signedIn(userId: string, mfaVerifiedAt = new Date()): Promise<AuthContext> {
	await db().update(t.user).set({ totpKey: Buffer.alloc(20), totpEnrolledAt: new Date() }).where(eq(t.user.id, userId));
	const { session } = await createSession(db(), userId, { address: '127.0.0.1', userAgent: 'test', mfaVerifiedAt });
	const auth = await loadAuthContext(db(), session);
	if (!auth) throw new Error('no auth context');
	return auth;
}

type LoadEvent = Parameters<typeof load>[0];
type GetEvent = Parameters<typeof GET>[0];
interface AuditPage {
	rows: { record: string; user: string }[];
	olderHref: string | null;
	exportHref: string | null;
	users: { id: string }[];
	form: { valid: boolean; errors: Record<string, string[]> };
}

const page = async (auth: AuthContext, path: string) => (await load(fakeEvent({ path, auth }) as unknown as LoadEvent)) as unknown as AuditPage;

async function refusal(promise: unknown): Promise<string> {
	try {
		await promise;
		return 'allowed';
	} catch (e) {
		if (isRedirect(e)) return `redirect ${e.location}`;
		if (isHttpError(e)) return `error ${e.status}`;
		throw e;
	}
}

describe('the audit log page', () => {
	it('shows the service-2 admin only service-2 rows, even when asked for a service-1 user or record', async () => {
		const [one, two] = world.services;
		const auth = await signedIn(two.actors.provider_admin.userId);
		for (const path of ['/admin/audit', `/admin/audit?user=${one.actors.youth_worker.userId}`, `/admin/audit?record=case-of-${one.id}`]) {
			const data = await page(auth, path);
			expect(JSON.stringify(data.rows)).not.toContain(one.id);
			expect(data.users.map((u) => u.id)).not.toContain(one.actors.youth_worker.userId);
		}
		expect((await page(auth, '/admin/audit')).rows.map((row) => row.record)).toContain(`referral case-of-${two.id}`);
	});

	it('carries the filter, but not the page position, into the export link', async () => {
		const auth = await signedIn(world.services[1].actors.provider_admin.userId);
		const data = await page(auth, '/admin/audit?action=referral.viewed&record=&before=999999');
		expect(data.exportHref).toBe('/admin/audit/export?action=referral.viewed');
		expect(data.olderHref).toBeNull();
	});

	it('answers bad filters with messages instead of results, and writes no list row for them', async () => {
		const two = world.services[1];
		const auth = await signedIn(two.actors.provider_admin.userId);
		const before = (await searchAudit(db(), two.id, { action: 'audit.list', limit: 1000 })).length;
		const data = await page(auth, '/admin/audit?action=DROP%20TABLE&fromDay=31&fromMonth=2&fromYear=2026');
		expect(data.form.valid).toBe(false);
		expect(data.form.errors.action).toEqual(['Select an action from the list']);
		expect(data.form.errors.fromDay).toEqual(['Date to search from must be a real date']);
		expect(data.rows).toEqual([]);
		expect(await searchAudit(db(), two.id, { action: 'audit.list', limit: 1000 })).toHaveLength(before);
	});

	it('is a 404 for anyone but a provider admin', async () => {
		const auth = await signedIn(world.services[0].actors.youth_worker.userId);
		expect(await refusal(page(auth, '/admin/audit'))).toBe('error 404');
	});
});

describe('the audit export endpoint', () => {
	it('asks for a fresh authenticator code first', async () => {
		const auth = await signedIn(world.services[0].actors.provider_admin.userId, new Date(Date.now() - 20 * 60_000));
		const event = fakeEvent({ path: '/admin/audit/export?action=referral.viewed', auth }) as unknown as GetEvent;
		expect(await refusal(GET(event))).toBe(`redirect /step-up?next=${encodeURIComponent('/admin/audit/export?action=referral.viewed')}`);
	});

	it('sends the admin’s own service’s rows as a CSV download', async () => {
		const [one, two] = world.services;
		const auth = await signedIn(one.actors.provider_admin.userId);
		const response = await GET(fakeEvent({ path: '/admin/audit/export', auth }) as unknown as GetEvent);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
		const csv = await response.text();
		expect(csv).toContain(`case-of-${one.id}`);
		expect(csv).not.toContain(two.id);
		const [exported] = await searchAudit(db(), one.id, { action: 'audit.exported', limit: 1 });
		expect(exported?.actorUserId).toBe(one.actors.provider_admin.userId);
	});
});
