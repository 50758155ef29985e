import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthContext, type AuthContext } from '$lib/server/auth/context';
import { createSession } from '$lib/server/auth/session';
import { issueCertificate } from '$lib/server/certificates/issue';
import { revokeCertificate } from '$lib/server/certificates/revoke';
import { db, t } from '$lib/server/db';
import { recordOutcome } from '$lib/server/outcomes/record';
import { newId } from '$lib/server/util/ids';
import { GET as zipGet } from '../../src/routes/(app)/sessions/[id]/certificates.zip/+server';
import { load as sessionLoad } from '../../src/routes/(app)/sessions/[id]/+page.server';
import { caseRow } from '../helpers/case';
import { useTestDatabase } from '../helpers/database';
import { fakeEvent } from '../helpers/event';
import { seedWorld, type World } from '../helpers/world';
import { caseInProgramme, fullyAttendedCase } from './outcome-fixtures';

/**
 * The bulk certificate download (SECURITY.md 10): a session's young people's kept certificates as one
 * ZIP, for the service's youth workers, after a fresh authenticator code, each certificate audited.
 */
let close: () => Promise<void>;
let dir: string;
let world: World;
let sessionId: string;
const codes: Record<string, string> = {};
const pdfs: Record<string, Buffer> = {};
const s1 = () => world.services[0];
const yw = () => s1().actors.youth_worker;

async function authFor(userId: string, mfaVerifiedAt = new Date()): Promise<AuthContext> {
	await db().update(t.user).set({ totpKey: Buffer.alloc(20), totpEnrolledAt: new Date() }).where(eq(t.user.id, userId));
	const { session } = await createSession(db(), userId, { address: '127.0.0.1', userAgent: 'test', mfaVerifiedAt });
	const context = await loadAuthContext(db(), session);
	if (!context) throw new Error('no auth context');
	return context;
}

async function completed(school: 0 | 1, name: string): Promise<string> {
	const id = await fullyAttendedCase(s1().schools[school].actors.dsl, yw(), ['Stay in lessons']);
	const result = await recordOutcome(yw(), id, { outcome: 'completed', overrideReason: '', outcomeOn: '2026-11-20', ratings: ['achieved'], fromReview: false }, (await caseRow(id)).version);
	if (!result.ok) throw new Error('no outcome');
	const issued = await issueCertificate(yw(), id, name);
	if (!issued.ok) throw new Error('not issued');
	return id;
}

async function addToSession(referralId: string): Promise<void> {
	const row = await caseRow(referralId);
	await db().insert(t.supportSessionAttendee).values({ id: newId(), sessionId, referralId, serviceId: row.serviceId, schoolId: row.schoolId, attendance: 'present', addedAt: new Date(), addedBy: yw().userId });
}

async function download(as: AuthContext): Promise<Response> {
	return (await zipGet({ ...fakeEvent({ path: `/sessions/${sessionId}/certificates.zip`, auth: as }), params: { id: sessionId } } as never)) as Response;
}

beforeAll(async () => {
	({ close, dir } = await useTestDatabase());
	world = await seedWorld();
	const a = await completed(0, 'Ada Pupilson');
	const b = await completed(1, 'Ben Pupilson');
	const revoked = await completed(0, 'Cal Pupilson');
	if (!(await revokeCertificate(yw(), revoked, 'Wrong name')).ok) throw new Error('not revoked');
	const notYet = await caseInProgramme(s1().schools[0].actors.dsl, yw());
	[sessionId] = (await db().select({ id: t.supportSessionAttendee.sessionId }).from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.referralId, a))).map((r) => r.id) as [string];
	for (const id of [b, revoked, notYet]) await addToSession(id);
	for (const [id, key] of [[a, 'a'], [b, 'b']] as const) {
		const [c] = await db().select().from(t.certificate).where(eq(t.certificate.referralId, id));
		codes[key] = c?.verificationCode ?? '';
		pdfs[key] = c?.pdf ?? Buffer.alloc(0);
	}
});
afterAll(() => close());

describe('downloading a session’s certificates as one ZIP', () => {
	it('offers the download on the session page, counting the standing certificates', async () => {
		const data = await sessionLoad({ ...fakeEvent({ path: `/sessions/${sessionId}`, auth: await authFor(yw().userId) }), params: { id: sessionId } } as never);
		expect(data).toMatchObject({ certificates: 2 });
	});

	it('holds each standing certificate’s kept bytes, named by its code, and no revoked one', async () => {
		const response = await download(await authFor(yw().userId));
		expect(response.headers.get('content-type')).toBe('application/zip');
		expect(response.headers.get('cache-control')).toBe('no-store');
		const work = mkdtempSync(join(tmpdir(), 'divert-bulk-'));
		try {
			const zip = join(work, 'certificates.zip');
			writeFileSync(zip, Buffer.from(await response.arrayBuffer()));
			expect(execFileSync('unzip', ['-t', zip], { encoding: 'utf8' })).toMatch(/No errors detected/);
			execFileSync('unzip', ['-q', zip, '-d', join(work, 'x')]);
			const listing = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n').sort();
			expect(listing).toEqual([`certificate-${codes.a}.pdf`, `certificate-${codes.b}.pdf`].sort());
			for (const key of ['a', 'b']) expect(Buffer.compare(readFileSync(join(work, 'x', `certificate-${codes[key]}.pdf`)), pdfs[key] as Buffer)).toBe(0);
		} finally {
			rmSync(work, { recursive: true, force: true });
		}
	});

	it('audits each certificate in it as a download', async () => {
		const rows = await db().select().from(t.auditEvent).where(and(eq(t.auditEvent.action, 'certificate.downloaded'), eq(t.auditEvent.actorUserId, yw().userId)));
		expect(rows).toHaveLength(2);
		expect(rows.every((r) => JSON.parse(r.detail ?? '{}').bulk === true && JSON.parse(r.detail ?? '{}').session === sessionId)).toBe(true);
	});

	it('asks for a fresh authenticator code first', async () => {
		await expect(download(await authFor(yw().userId, new Date(Date.now() - 16 * 60_000)))).rejects.toSatisfy((e: unknown) => isRedirect(e) && e.location.startsWith('/step-up?next='));
	});

	it('is for the service’s youth workers only', async () => {
		for (const userId of [s1().schools[0].actors.dsl.userId, s1().actors.provider_admin.userId, world.services[1].actors.youth_worker.userId]) {
			await expect(download(await authFor(userId))).rejects.toSatisfy((e: unknown) => isHttpError(e) && e.status === 404);
		}
	});
});
