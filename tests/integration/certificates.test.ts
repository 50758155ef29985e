import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isHttpError, isRedirect, type ActionFailure } from '@sveltejs/kit';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthContext, type AuthContext } from '$lib/server/auth/context';
import { createSession } from '$lib/server/auth/session';
import { CERTIFICATE_CHECK, checkCertificate } from '$lib/server/certificates/check';
import { readPublicBaseUrl } from '$lib/server/certificates/config';
import { certificateForIssue, issueCertificate } from '$lib/server/certificates/issue';
import { revokeCertificate } from '$lib/server/certificates/revoke';
import { db, t } from '$lib/server/db';
import { recordOutcome } from '$lib/server/outcomes/record';
import { outcomePanelFor } from '$lib/server/outcomes/view';
import { actions as issueActions } from '../../src/routes/(app)/referrals/[id]/certificate/+page.server';
import { GET as downloadGet } from '../../src/routes/(app)/referrals/[id]/certificate.pdf/+server';
import { load as checkLoad } from '../../src/routes/(public)/check/[code]/+page.server';
import { caseRow } from '../helpers/case';
import { useTestDatabase } from '../helpers/database';
import { fakeEvent } from '../helpers/event';
import { pdfText } from '../helpers/pdf';
import { seedWorld, type World } from '../helpers/world';
import { caseInProgramme, fullyAttendedCase } from './outcome-fixtures';

let close: () => Promise<void>;
let dir: string;
let world: World;
const s1 = () => world.services[0];
const yw = () => s1().actors.youth_worker;
const dsl = () => s1().schools[0].actors.dsl;
const auth: Record<string, AuthContext> = {};

async function signIn(userId: string): Promise<AuthContext> {
	await db().update(t.user).set({ totpKey: Buffer.alloc(20), totpEnrolledAt: new Date() }).where(eq(t.user.id, userId));
	const { session } = await createSession(db(), userId, { address: '127.0.0.1', userAgent: 'test', mfaVerifiedAt: new Date() });
	const context = await loadAuthContext(db(), session);
	if (!context) throw new Error('no auth context');
	return context;
}

beforeAll(async () => {
	({ close, dir } = await useTestDatabase());
	world = await seedWorld();
	auth.yw = await signIn(yw().userId);
	auth.dsl = await signIn(dsl().userId);
	auth.otherDsl = await signIn(s1().schools[1].actors.dsl.userId);
	auth.otherYw = await signIn(world.services[1].actors.youth_worker.userId);
});
afterAll(() => close());

/** A case with a confirmed completion on 20 November 2026, for a pupil with this preferred name. */
async function completedCase(preferredName = ''): Promise<string> {
	const id = await fullyAttendedCase(dsl(), yw(), ['Stay in lessons'], { pupil: { preferredName } });
	const result = await recordOutcome(yw(), id, { outcome: 'completed', overrideReason: '', outcomeOn: '2026-11-20', ratings: ['achieved'], fromReview: false }, (await caseRow(id)).version);
	if (!result.ok) throw new Error('no outcome');
	return id;
}

async function issued(id: string, name: string) {
	const result = await issueCertificate(yw(), id, name);
	if (!result.ok) throw new Error(`not issued: ${JSON.stringify(result)}`);
	const [row] = await db().select().from(t.certificate).where(eq(t.certificate.id, result.certificateId));
	if (!row) throw new Error('no row');
	return row;
}

async function download(as: AuthContext, id: string): Promise<{ status: number; bytes?: Buffer }> {
	try {
		const response = (await downloadGet({ ...fakeEvent({ path: `/referrals/${id}/certificate.pdf`, auth: as }), params: { id } } as never)) as Response;
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('cache-control')).toBe('no-store');
		return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
	} catch (e) {
		if (isHttpError(e)) return { status: e.status };
		throw e;
	}
}

describe('issuing a certificate (DOMAIN.md §3 step 8)', () => {
	it('issues only for a completed outcome', async () => {
		const id = await caseInProgramme(dsl(), yw());
		expect(await issueCertificate(yw(), id, 'Testy Pupilson')).toEqual({ ok: false, problem: 'wrong-state' });
		const partial = await fullyAttendedCase(dsl(), yw());
		await recordOutcome(yw(), partial, { outcome: 'partially_completed', overrideReason: 'Left early', outcomeOn: '2026-11-20', ratings: ['partly'], fromReview: false }, (await caseRow(partial)).version);
		expect(await issueCertificate(yw(), partial, 'Testy Pupilson')).toEqual({ ok: false, problem: 'wrong-state' });
	});

	it('suggests the preferred name with the surname, falling back to the legal first name', async () => {
		expect((await certificateForIssue(yw(), await completedCase('Tess')))?.suggestedName).toBe('Tess Pupilson');
		expect((await certificateForIssue(yw(), await completedCase('')))?.suggestedName).toBe('Testy Pupilson');
	});

	it('prints the programme, name, date, provider, signatory and code, and nothing about the incident', async () => {
		const id = await completedCase();
		const row = await issued(id, 'Testy Pupilson');
		expect(row.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
		expect(row.sha256).toBe(encodeHexLowerCase(sha256(row.pdf)));
		expect(row.initials).toBe('T. P.');
		const { text, info } = await pdfText(row.pdf);
		for (const required of ['Certificate of completion', 'Testy Pupilson', 'DIVERT Young People', '20 November 2026', 'Sam Okafor', 'Programme manager', row.verificationCode, 'http://localhost:3000/check']) {
			expect(text).toContain(required);
		}
		expect(text).not.toMatch(/cannabis|police|offence|offense|drug|substance|exclu|suspen|Test School/i);
		expect(info.Title).toBe('Certificate of completion: DIVERT Young People');
	});

	it.each(['Zoë Lambert', 'Łukasz Nowak', 'Nguyễn Văn An', 'Σοφία Παπαδοπούλου', 'Анастасия Иванова'])('prints %s intact', async (name) => {
		const row = await issued(await completedCase(), name);
		expect((await pdfText(row.pdf)).text).toContain(name);
	});

	it.each([
		['王小明', '“王”, “小”, “明”'],
		['Sam 🦄', '“🦄”']
	])('refuses %s, which the font cannot draw, and asks for a printable spelling', async (name, chars) => {
		const id = await completedCase();
		expect(await issueCertificate(yw(), id, name)).toEqual({ ok: false, problem: 'unprintable', message: `We cannot print ${chars} — enter a spelling using letters the certificate can print` });
		expect(await db().select().from(t.certificate).where(eq(t.certificate.referralId, id))).toEqual([]);
	});

	it('puts the refusal at the name field when posted without JavaScript', async () => {
		const id = await completedCase();
		const event = fakeEvent({ path: `/referrals/${id}/certificate`, method: 'POST', auth: auth.yw, form: { name: '王小明' } });
		const result = (await issueActions.default?.({ ...event, params: { id } } as never)) as ActionFailure<{ form: { data: { name: string }; errors: { name?: string[] } } }>;
		expect(result.status).toBe(400);
		expect(result.data.form.data.name).toBe('王小明');
		expect(result.data.form.errors.name).toEqual(['We cannot print “王”, “小”, “明” — enter a spelling using letters the certificate can print']);
	});

	it('is a tagged PDF with its title, by pdfinfo', async () => {
		const row = await issued(await completedCase(), 'Zoë Lambert');
		const file = join(dir, 'certificate.pdf');
		writeFileSync(file, row.pdf);
		const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
		expect(info).toMatch(/^Tagged:\s+yes$/m);
		expect(info).toMatch(/^Title:\s+Certificate of completion: DIVERT Young People$/m);
	});

	it('issues a certificate once: a second is refused while the first stands', async () => {
		const id = await completedCase();
		await issued(id, 'Testy Pupilson');
		expect(await issueCertificate(yw(), id, 'Testy Pupilson')).toEqual({ ok: false, problem: 'wrong-state' });
	});

	it('answers not found to another service’s youth worker and refuses a DSL', async () => {
		const id = await completedCase();
		expect(await issueCertificate(world.services[1].actors.youth_worker, id, 'Testy Pupilson')).toEqual({ ok: false, problem: 'not-found' });
		expect(await issueCertificate(dsl(), id, 'Testy Pupilson')).toEqual({ ok: false, problem: 'not-found' });
	});
});

describe('downloading, revoking and checking', () => {
	let id: string;
	let code: string;
	let kept: Buffer;
	beforeAll(async () => {
		id = await completedCase();
		const row = await issued(id, 'Testy Pupilson');
		code = row.verificationCode;
		kept = row.pdf;
	});
	const downloads = async () => (await db().select().from(t.auditEvent).where(and(eq(t.auditEvent.action, 'certificate.downloaded')))).filter((a) => a.detail?.includes(id));

	it('serves the kept bytes to the pupil’s DSL, identical each time, with one audit row per download', async () => {
		const before = (await downloads()).length;
		const first = await download(auth.dsl as AuthContext, id);
		const second = await download(auth.dsl as AuthContext, id);
		expect(first.status).toBe(200);
		expect(first.bytes?.equals(kept)).toBe(true);
		expect(second.bytes?.equals(kept)).toBe(true);
		expect((await downloads()).length).toBe(before + 2);
	});

	it('answers 404 to a DSL of another school and a youth worker of another service', async () => {
		expect(await download(auth.otherDsl as AuthContext, id)).toEqual({ status: 404 });
		expect(await download(auth.otherYw as AuthContext, id)).toEqual({ status: 404 });
	});

	it('shows initials, date and Valid on the check page, for the code however it is typed', async () => {
		expect(await checkCertificate(code, '203.0.113.1')).toEqual({ status: 'found', code, initials: 'T. P.', completedOn: '2026-11-20', revoked: false });
		expect(await checkCertificate(code.toLowerCase().replaceAll('-', ' '), '203.0.113.1')).toMatchObject({ status: 'found', code });
	});

	it('says plainly that no certificate has an unknown code', async () => {
		expect(await checkCertificate('0000-0000-0000', '203.0.113.2')).toEqual({ status: 'unknown' });
		expect(await checkCertificate('<script>', '203.0.113.2')).toEqual({ status: 'unknown' });
		const data = (await checkLoad({ ...fakeEvent({ path: '/check/0000-0000-0000' }), params: { code: '0000-0000-0000' } } as never)) as { result: unknown };
		expect(data.result).toEqual({ status: 'unknown' });
	});

	it(`stops an address after ${CERTIFICATE_CHECK.max} checks in the window, with 429 on the page`, async () => {
		const address = '198.51.100.7';
		for (let i = 0; i < CERTIFICATE_CHECK.max; i++) expect((await checkCertificate('0000-0000-0000', address)).status).toBe('unknown');
		expect(await checkCertificate(code, address)).toEqual({ status: 'throttled' });
		expect(await checkCertificate(code, '198.51.100.8')).toMatchObject({ status: 'found' });
		const event = { ...fakeEvent({ path: `/check/${code}` }), getClientAddress: () => address, params: { code } };
		await expect(checkLoad(event as never)).rejects.toMatchObject({ status: 429 });
	});

	it('revokes with a reason: the check page says Revoked, the school can no longer download it, the youth worker still can', async () => {
		expect(await revokeCertificate(yw(), id, '  ')).toEqual({ ok: false, problem: 'reason-required' });
		expect(await revokeCertificate(dsl(), id, 'Wrong person')).toEqual({ ok: false, problem: 'not-found' });
		expect(await revokeCertificate(yw(), id, 'Issued to the wrong spelling')).toEqual({ ok: true });
		expect(await checkCertificate(code, '203.0.113.3')).toMatchObject({ status: 'found', revoked: true });
		expect(await download(auth.dsl as AuthContext, id)).toEqual({ status: 404 });
		expect((await download(auth.yw as AuthContext, id)).bytes?.equals(kept)).toBe(true);
		const panel = await outcomePanelFor(dsl(), id);
		expect(panel).toMatchObject({ canDownload: false, certificate: { revoked: true, code: null } });
		expect(await revokeCertificate(yw(), id, 'Again')).toEqual({ ok: false, problem: 'no-certificate' });
		const [event] = await db().select().from(t.caseEvent).where(and(eq(t.caseEvent.referralId, id), eq(t.caseEvent.kind, 'certificate-revoked')));
		expect(event?.reason).toBe('Issued to the wrong spelling');
	});

	it('issues a new certificate with a new code after a revocation', async () => {
		const row = await issued(id, 'Testy Pupilson');
		expect(row.verificationCode).not.toBe(code);
		expect(await checkCertificate(row.verificationCode, '203.0.113.4')).toMatchObject({ status: 'found', revoked: false });
	});
});

describe('the public address the QR code points at', () => {
	it('uses PUBLIC_BASE_URL, falling back to ORIGIN', () => {
		expect(readPublicBaseUrl({ PUBLIC_BASE_URL: 'https://check.example.org/', ORIGIN: 'https://app.example.org' })).toBe('https://check.example.org');
		expect(readPublicBaseUrl({ PUBLIC_BASE_URL: 'https://example.org/divert/' })).toBe('https://example.org/divert');
		expect(readPublicBaseUrl({ ORIGIN: 'https://app.example.org' })).toBe('https://app.example.org');
		expect(() => readPublicBaseUrl({ PUBLIC_BASE_URL: 'http://check.example.org' })).toThrow(/must be https/);
	});
});
