import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthContext, type AuthContext } from '$lib/server/auth/context';
import { createSession } from '$lib/server/auth/session';
import { database, db, t } from '$lib/server/db';
import { findSubjects, subjectSearchQuery, subjectView } from '$lib/server/subject-access/search';
import type { SubjectAccessRecord } from '$lib/server/subject-access/types';
import { newId } from '$lib/server/util/ids';
import { GET as jsonGet } from '../../src/routes/(app)/admin/subject-access/[id]/export.json/+server';
import { GET as pdfGet } from '../../src/routes/(app)/admin/subject-access/[id]/export.pdf/+server';
import { submittedCase } from '../helpers/case';
import { CANARY, canaryAnswers } from '../helpers/canaries';
import { useTestDatabase } from '../helpers/database';
import { fakeEvent } from '../helpers/event';
import { pdfText } from '../helpers/pdf';
import { seedWorld, type World } from '../helpers/world';
import { fullClosedCase, type FullCase } from './retention-fixtures';

/**
 * A subject access request (DOMAIN.md §7; SECURITY.md 24): everything held about one young person, as
 * a readable PDF and a JSON file, and nothing about anyone else (their own attendance, never the rest
 * of a register). The other young person in the shared group session carries names of their own.
 */
let close: () => Promise<void>;
let dir: string;
let world: World;
let full: FullCase;
let secondReferral: string;
let unlinked: string;
const s1 = () => world.services[0];
const TEXT = { goal: 'Quillongoal stay in lessons', escalationReference: 'CAMHS/QUILLON/9', onward: 'Quillon canary onward service', oneToOnePlace: 'Quillon canary one-to-one room', certificateName: 'Quillonpreferred Quillonsurname' };
const OTHER = { pupil: { legalForename: 'Zebedeeother', legalSurname: 'Otherkidsurname', dobDay: '2', dobMonth: '2', dobYear: '2011' } };
const FORBIDDEN = ['Zebedeeother', 'Otherkidsurname', 'Other pupil’s register note', 'Another young person’s goal'];

async function authFor(userId: string, mfaVerifiedAt = new Date()): Promise<AuthContext> {
	await db().update(t.user).set({ totpKey: Buffer.alloc(20), totpEnrolledAt: new Date() }).where(eq(t.user.id, userId));
	const { session } = await createSession(db(), userId, { address: '127.0.0.1', userAgent: 'test', mfaVerifiedAt });
	const context = await loadAuthContext(db(), session);
	if (!context) throw new Error('no auth context');
	return context;
}

async function download(get: (event: never) => unknown, id: string, as: AuthContext, format: string): Promise<Response> {
	return (await get({ ...fakeEvent({ path: `/admin/subject-access/${id}/export.${format}`, auth: as }), params: { id } } as never)) as Response;
}

beforeAll(async () => {
	({ close, dir } = await useTestDatabase());
	world = await seedWorld();
	full = await fullClosedCase(s1(), canaryAnswers(), OTHER, TEXT);
	// The same young person referred again by the other school, confirmed as a match; and a referral
	// with the same name and date of birth that nobody has confirmed.
	secondReferral = await submittedCase(s1().schools[1].actors.dsl, canaryAnswers());
	unlinked = await submittedCase(s1().schools[1].actors.dsl, canaryAnswers());
	const youngPersonId = newId();
	await db().insert(t.youngPerson).values({ id: youngPersonId, serviceId: s1().id, createdAt: new Date() });
	for (const id of [full.id, secondReferral]) await db().update(t.referral).set({ youngPersonId }).where(eq(t.referral.id, id));
});
afterAll(() => close());

describe('finding the young person', () => {
	it('finds them by the start of their names and date of birth, or by a reference, within the service only', async () => {
		const admin = s1().actors.provider_admin;
		const byName = await findSubjects(admin, { name: 'quill quillonsur', dob: '2012-03-14', reference: '' });
		expect(byName.map((r) => r.id).sort()).toEqual([full.id, secondReferral, unlinked].sort());
		expect(await findSubjects(admin, { name: 'Quillonforename', dob: '2012-03-15', reference: '' })).toEqual([]);
		expect((await findSubjects(admin, { name: '', dob: null, reference: full.id.toUpperCase() })).map((r) => r.id)).toEqual([full.id]);
		expect(await findSubjects(world.services[1].actors.provider_admin, { name: 'Quillonforename', dob: null, reference: '' })).toEqual([]);
		const [audit] = await db().select().from(t.auditEvent).where(eq(t.auditEvent.action, 'subject-access.search')).orderBy(t.auditEvent.id).limit(1);
		expect(audit?.detail).not.toMatch(/quill/i);
	});

	it('searches on indexes, never scanning the service’s referrals', async () => {
		const admin = s1().actors.provider_admin;
		for (const search of [{ name: 'quill', dob: null }, { name: 'quill quillonsur', dob: '2012-03-14' }, { name: '', dob: null, reference: full.id }]) {
			const { sql, params } = subjectSearchQuery(admin, { reference: '', ...search }).toSQL();
			const plan = (await database().client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: params as never[] })).rows.map((r) => String(r.detail));
			expect(plan.filter((l) => /^SCAN referral\b/.test(l)), plan.join('\n')).toEqual([]);
		}
	});

	it('lists the confirmed referrals for the export and points out the unconfirmed one', async () => {
		const view = await subjectView(s1().actors.provider_admin, full.id);
		expect(view?.referrals.map((r) => r.id)).toEqual([full.id, secondReferral]);
		expect(view?.similar.map((r) => r.id)).toEqual([unlinked]);
	});
});

describe('the export', () => {
	let record: SubjectAccessRecord;
	let json: string;
	let pdf: Buffer;

	beforeAll(async () => {
		const auth = await authFor(s1().actors.provider_admin.userId);
		const jsonResponse = await download(jsonGet, full.id, auth, 'json');
		expect(jsonResponse.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(jsonResponse.headers.get('cache-control')).toBe('no-store');
		json = await jsonResponse.text();
		record = JSON.parse(json) as SubjectAccessRecord;
		const pdfResponse = await download(pdfGet, full.id, auth, 'pdf');
		expect(pdfResponse.headers.get('content-type')).toBe('application/pdf');
		pdf = Buffer.from(await pdfResponse.arrayBuffer());
	});

	it('holds each of their referrals, whole, and the audit entries about them', () => {
		expect(record.referrals.map((r) => r.reference)).toEqual([full.id, secondReferral]);
		const [first] = record.referrals;
		const titles = first?.parts.map((p) => p.title) ?? [];
		for (const title of ['The referral', 'About the pupil', 'Parents and carers', 'Consents', 'Chronology', 'Triage, round 1', 'Escalations', 'Assessment', 'Goals', 'Sessions (this young person’s attendance only)', 'Outcome', 'Certificates', 'Onward referrals', 'Follow-ups', 'Time limits']) {
			expect(titles).toContain(title);
		}
		for (const value of [...Object.values(CANARY), '14 March 2012', TEXT.goal, TEXT.escalationReference, TEXT.onward, TEXT.oneToOnePlace, full.code, 'CAMHS', 'Closed as not returned']) expect(json).toContain(value);
		const audited = record.audit.entries.map((e) => e.find((f) => f.label === 'Action')?.value);
		// The other young person was added to the shared session: that entry is about them, not this one.
		expect(audited).not.toContain('support-session.attendee-added');
		for (const action of ['referral.created', 'referral.submit', 'escalation.created', 'certificate.issued', 'subject-access.viewed']) expect(audited).toContain(action);
	});

	it('shows their own attendance, and nothing of the other young person in the same group session', async () => {
		const sessions = record.referrals[0]?.parts.find((p) => p.title.startsWith('Sessions'));
		expect(sessions?.entries.length).toBe(4);
		expect(sessions?.entries.every((e) => e.some((f) => f.label === 'Attendance' && f.value === 'Present'))).toBe(true);
		const text = (await pdfText(pdf)).text;
		for (const output of [json, text]) {
			for (const forbidden of [...FORBIDDEN, full.otherId]) expect(output, forbidden).not.toContain(forbidden);
		}
	});

	it('is a readable, tagged PDF with a title, parsed back', async () => {
		const { text, info } = await pdfText(pdf);
		expect(info.Title).toBe(`Subject access export: ${CANARY.preferredName} ${CANARY.legalSurname}`);
		for (const value of ['The young person', `Referral ${full.id}`, 'Chronology', 'Escalations', TEXT.escalationReference, full.code, 'Audit log: who read, changed or exported these records']) {
			expect(text.replace(/\s+/g, ' ')).toContain(value);
		}
		const file = join(dir, 'subject-access.pdf');
		writeFileSync(file, pdf);
		expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/^Tagged:\s+yes$/m);
	});

	it('is audited for each referral it holds', async () => {
		for (const id of [full.id, secondReferral]) {
			const rows = await db().select().from(t.auditEvent).where(and(eq(t.auditEvent.action, 'subject-access.exported'), eq(t.auditEvent.recordId, id)));
			expect(rows.map((r) => JSON.parse(r.detail ?? '{}').format).sort()).toEqual(['json', 'pdf']);
		}
	});
});

describe('who may export', () => {
	it('asks for a fresh authenticator code first', async () => {
		const stale = await authFor(s1().actors.provider_admin.userId, new Date(Date.now() - 16 * 60_000));
		for (const [get, format] of [[jsonGet, 'json'], [pdfGet, 'pdf']] as const) {
			await expect(download(get, full.id, stale, format)).rejects.toSatisfy(
				(e: unknown) => isRedirect(e) && e.location === `/step-up?next=${encodeURIComponent(`/admin/subject-access/${full.id}/export.${format}`)}`
			);
		}
	});

	it('is for the provider admins of the young person’s own service only', async () => {
		for (const userId of [s1().actors.youth_worker.userId, s1().schools[0].actors.dsl.userId, world.services[1].actors.provider_admin.userId]) {
			await expect(download(jsonGet, full.id, await authFor(userId), 'json')).rejects.toSatisfy((e: unknown) => isHttpError(e) && e.status === 404);
		}
	});
});
