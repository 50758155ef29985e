import { isHttpError, isRedirect, type ActionFailure } from '@sveltejs/kit';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthContext, type AuthContext } from '$lib/server/auth/context';
import { createSession } from '$lib/server/auth/session';
import { checkCertificate } from '$lib/server/certificates/check';
import { database, db, t } from '$lib/server/db';
import { createEscalation } from '$lib/server/escalations/escalations';
import { readFilter } from '$lib/server/reports/service/filter';
import { serviceReport } from '$lib/server/reports/service/report';
import { deleteRecord } from '$lib/server/retention/delete';
import { retentionList, retentionListQuery } from '$lib/server/retention/list';
import { extendReview, liftLegalHold, placeLegalHold } from '$lib/server/retention/record';
import { closedOnOf } from '$lib/server/retention/refresh';
import { readSetting } from '$lib/server/settings/settings';
import { newId } from '$lib/server/util/ids';
import { load as checkLoad } from '../../src/routes/(public)/check/[code]/+page.server';
import { actions as settingActions } from '../../src/routes/(app)/admin/settings/retention/+page.server';
import { load as deleteLoad } from '../../src/routes/(app)/admin/retention/[id]/delete/+page.server';
import { load as listLoad } from '../../src/routes/(app)/admin/retention/+page.server';
import { caseRow, submittedCase } from '../helpers/case';
import { CANARY, canaryAnswers, findCanaries } from '../helpers/canaries';
import { useTestDatabase } from '../helpers/database';
import { fakeEvent } from '../helpers/event';
import { seedWorld, type World } from '../helpers/world';
import { made } from './escalation-fixtures';
import { closedWithdrawnCase, fullClosedCase, type FullCase } from './retention-fixtures';

let close: () => Promise<void>;
let world: World;
const s1 = () => world.services[0];
const admin = () => s1().actors.provider_admin;
const dsl = () => s1().schools[0].actors.dsl;
const DAY = 86_400_000;
const YEAR = 366 * DAY;

async function authFor(userId: string, mfaVerifiedAt = new Date()): Promise<AuthContext> {
	await db().update(t.user).set({ totpKey: Buffer.alloc(20), totpEnrolledAt: new Date() }).where(eq(t.user.id, userId));
	const { session } = await createSession(db(), userId, { address: '127.0.0.1', userAgent: 'test', mfaVerifiedAt });
	const context = await loadAuthContext(db(), session);
	if (!context) throw new Error('no auth context');
	return context;
}

beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

/** The case's London closure date plus whole years, as the rule counts them. */
function yearsAfter(closedAt: Date, years: number): string {
	const on = closedOnOf(closedAt);
	return `${Number(on.slice(0, 4)) + years}${on.slice(4)}`;
}

describe('review dates (DOMAIN.md §7)', () => {
	it('gives a diversion-only case its review date when it closes: the set period after closure', async () => {
		const closedAt = new Date('2026-11-02T10:00:00Z');
		const row = await caseRow(await closedWithdrawnCase(dsl(), {}, closedAt));
		expect(row.state).toBe('closed');
		expect(row.closedAt).toEqual(closedAt);
		expect(row.retentionReviewOn).toBe('2029-11-02');
		expect(row.retentionBasis).toBe('diversion');
	});

	it('gives none to a case still open', async () => {
		const row = await caseRow(await submittedCase(dsl()));
		expect(row.closedAt).toBeNull();
		expect(row.retentionReviewOn).toBeNull();
	});

	it('keeps a case until the 25th birthday once a MASH escalation marks it as child protection, even after closure', async () => {
		const id = await closedWithdrawnCase(dsl(), { pupil: { dobDay: '29', dobMonth: '2', dobYear: '2012' } }, new Date('2026-11-03T10:00:00Z'));
		expect((await caseRow(id)).retentionReviewOn).toBe('2029-11-03');
		const escalation = await createEscalation(s1().actors.youth_worker, id, made('mash', 'phone', '2026-11-17 10:00'));
		expect(escalation.ok).toBe(true);
		const row = await caseRow(id);
		expect(row.childProtection).toBe(true);
		// Born on 29 February 2012: the 25th birthday falls on 1 March 2037, a year without 29 February.
		expect(row.retentionReviewOn).toBe('2037-03-01');
		expect(row.retentionBasis).toBe('child_protection');
	});

	it('moves every closed case’s date when the admin changes the period, except a later date chosen on review', async () => {
		const plain = await closedWithdrawnCase(dsl(), {}, new Date('2026-11-04T10:00:00Z'));
		const extended = await closedWithdrawnCase(dsl(), {}, new Date('2026-11-04T10:00:00Z'));
		expect(await extendReview(admin(), extended, '2035-01-31', 'Kept for a complaint', (await caseRow(extended)).version)).toEqual({ ok: true });
		const auth = await authFor(admin().userId);
		const { version } = await readSetting(db(), s1().id, 'retention');
		const post = (years: string) => ({ ...fakeEvent({ path: '/admin/settings/retention', method: 'POST', auth, form: { version: String(version), diversionYears: years } }), params: {} }) as never;
		const refused = (await settingActions.default?.(post('0'))) as ActionFailure<{ form: { errors: Record<string, string[]> } }>;
		expect(refused.status).toBe(400);
		expect(refused.data.form.errors.diversionYears).toEqual(['Number of years must be between 1 and 25']);
		await expect(settingActions.default?.(post('5'))).rejects.toSatisfy((e: unknown) => isRedirect(e) && e.location === '/admin/settings?saved=retention');
		expect((await caseRow(plain)).retentionReviewOn).toBe('2031-11-04');
		expect((await caseRow(extended)).retentionReviewOn).toBe('2035-01-31');
		// The other service's cases keep their own period.
		const other = await closedWithdrawnCase(world.services[1].schools[0].actors.dsl, {}, new Date('2026-11-04T10:00:00Z'));
		expect((await caseRow(other)).retentionReviewOn).toBe('2029-11-04');
		const back = (await readSetting(db(), s1().id, 'retention')).version;
		await expect(settingActions.default?.({ ...fakeEvent({ path: '/admin/settings/retention', method: 'POST', auth, form: { version: String(back), diversionYears: '3' } }), params: {} } as never)).rejects.toSatisfy(isRedirect);
		expect((await caseRow(plain)).retentionReviewOn).toBe('2029-11-04');
	});

	it('extends a review date only to a later one, with the reason in the chronology and none in the audit log', async () => {
		const id = await closedWithdrawnCase(dsl(), {}, new Date('2026-11-05T10:00:00Z'));
		const version = (await caseRow(id)).version;
		expect(await extendReview(admin(), id, '2029-11-01', 'Too early', version)).toMatchObject({ ok: false, problem: 'invalid' });
		expect(await extendReview(s1().actors.youth_worker, id, '2031-01-01', 'Not an admin', version)).toEqual({ ok: false, problem: 'not-found' });
		expect(await extendReview(world.services[1].actors.provider_admin, id, '2031-01-01', 'Other service', version)).toEqual({ ok: false, problem: 'not-found' });
		expect(await extendReview(admin(), id, '2031-01-01', 'Kept while the family’s complaint is open', version)).toEqual({ ok: true });
		expect(await extendReview(admin(), id, '2032-01-01', 'A stale form', version)).toEqual({ ok: false, problem: 'stale' });
		const row = await caseRow(id);
		expect([row.retentionReviewOn, row.retentionBasis, row.retentionNote]).toEqual(['2031-01-01', 'extended', 'Kept while the family’s complaint is open']);
		const events = await db().select().from(t.caseEvent).where(eq(t.caseEvent.referralId, id));
		expect(events.at(-1)).toMatchObject({ kind: 'retention', section: 'review-extended', reason: 'Kept while the family’s complaint is open', schoolVisible: false });
		const audits = await db().select().from(t.auditEvent).where(eq(t.auditEvent.recordId, id));
		expect(audits.at(-1)?.action).toBe('retention.review-extended');
		expect(JSON.stringify(audits)).not.toContain('complaint');
	});
});

describe('the list of records due for review', () => {
	it('lists only the service’s closed cases whose date has come, soonest first, a page at a time', async () => {
		const now = new Date('2029-11-06T12:00:00Z');
		const page = await retentionList(admin(), 'due', null, now);
		expect(page.rows.length).toBeGreaterThan(0);
		expect(page.rows.every((r) => r.reviewOn !== null && r.reviewOn <= '2029-11-06')).toBe(true);
		expect(page.rows.map((r) => r.reviewOn)).toEqual([...page.rows.map((r) => r.reviewOn)].sort());
		const otherService = await retentionList(world.services[1].actors.provider_admin, 'due', null, now);
		expect(otherService.rows.some((r) => page.rows.some((p) => p.id === r.id))).toBe(false);
		expect(JSON.stringify(page)).not.toMatch(/Testy|Pupilson|2012/);
		expect((await retentionList(s1().actors.youth_worker, 'due', null, now)).rows).toEqual([]);
	});

	it('is an indexed query on every page', async () => {
		for (const query of [retentionListQuery(admin(), 'due', null), retentionListQuery(admin(), 'due', '2029-11-02.abcdefgh'), retentionListQuery(admin(), 'held', 'abcdefgh')]) {
			const { sql: text, params } = query.toSQL();
			const plan = (await database().client.execute({ sql: `EXPLAIN QUERY PLAN ${text}`, args: params as never[] })).rows.map((r) => String(r.detail));
			expect(plan.filter((l) => /^SCAN referral\b/.test(l)), plan.join('\n')).toEqual([]);
			expect(plan.join('\n')).toMatch(/referral_retention_review|referral_legal_hold/);
		}
	});

	it('is for provider admins only, and writes one audit row naming the view', async () => {
		const before = await db().select({ n: sql<number>`count(*)` }).from(t.auditEvent).where(eq(t.auditEvent.action, 'retention.list'));
		const data = await listLoad({ ...fakeEvent({ path: '/admin/retention?view=held', auth: await authFor(admin().userId) }), params: {} } as never);
		expect(data).toMatchObject({ view: 'held' });
		const after = await db().select({ n: sql<number>`count(*)` }).from(t.auditEvent).where(eq(t.auditEvent.action, 'retention.list'));
		expect(Number(after[0]?.n)).toBe(Number(before[0]?.n) + 1);
		await expect(listLoad({ ...fakeEvent({ path: '/admin/retention', auth: await authFor(s1().actors.youth_worker.userId) }), params: {} } as never)).rejects.toSatisfy(
			(e: unknown) => isHttpError(e) && e.status === 404
		);
	});
});

describe('deleting a record at review (DOMAIN.md §7; SECURITY.md 23)', () => {
	let full: FullCase;
	const TEXT = { goal: 'Quillongoal stay in lessons', escalationReference: 'CAMHS/QUILLON/9', onward: 'Quillon canary onward service', oneToOnePlace: 'Quillon canary one-to-one room', certificateName: 'Quillonpreferred Quillonsurname' };
	const OTHER = { pupil: { legalForename: 'Otherkidforename', legalSurname: 'Otherkidsurname' } };

	beforeAll(async () => {
		full = await fullClosedCase(s1(), canaryAnswers(), OTHER, TEXT);
		const youngPersonId = newId();
		await db().insert(t.youngPerson).values({ id: youngPersonId, serviceId: s1().id, createdAt: new Date() });
		await db().update(t.referral).set({ youngPersonId }).where(eq(t.referral.id, full.id));
	});

	const dueNow = () => new Date(`${yearsAfter(full.closedAt, 3)}T12:00:00Z`);

	it('refuses a record whose review date has not come, and a case still open', async () => {
		const row = await caseRow(full.id);
		expect(await deleteRecord(admin(), full.id, row.version, new Date(full.closedAt.getTime() + YEAR))).toEqual({ ok: false, problem: 'not-due' });
		expect(await deleteRecord(admin(), full.otherId, (await caseRow(full.otherId)).version, dueNow())).toEqual({ ok: false, problem: 'open' });
		expect(await deleteRecord(s1().actors.youth_worker, full.id, row.version, dueNow())).toEqual({ ok: false, problem: 'not-found' });
	});

	it('refuses while a legal hold stands, and deletes nothing', async () => {
		expect(await placeLegalHold(admin(), full.id, 'Solicitor’s letter about a claim', (await caseRow(full.id)).version)).toEqual({ ok: true });
		const held = await caseRow(full.id);
		expect([held.legalHold, held.legalHoldReason, held.legalHoldBy]).toEqual([true, 'Solicitor’s letter about a claim', admin().userId]);
		expect(await deleteRecord(admin(), full.id, held.version, dueNow())).toEqual({ ok: false, problem: 'held' });
		expect((await db().select().from(t.caseEvent).where(eq(t.caseEvent.referralId, full.id))).length).toBeGreaterThan(5);
		const audits = await db().select({ action: t.auditEvent.action }).from(t.auditEvent).where(eq(t.auditEvent.recordId, full.id));
		expect(audits.map((a) => a.action)).toContain('retention.legal-hold-placed');
		expect(await liftLegalHold(admin(), full.id, 'The claim was settled', held.version)).toEqual({ ok: true });
		expect((await caseRow(full.id)).legalHold).toBe(false);
	});

	it('asks for a fresh authenticator code before the confirmation page', async () => {
		const stale = await authFor(admin().userId, new Date(Date.now() - 16 * 60_000));
		await expect(deleteLoad({ ...fakeEvent({ path: `/admin/retention/${full.id}/delete`, auth: stale }), params: { id: full.id } } as never)).rejects.toSatisfy(
			(e: unknown) => isRedirect(e) && e.location.startsWith('/step-up?next=')
		);
	});

	it('removes every pupil-level row, keeps the audit and statistics rows, and leaves reports as they were', async () => {
		const commissioner = s1().actors.commissioner;
		const reportBefore = JSON.stringify(await serviceReport(commissioner, readFilter(new URLSearchParams()), new Date()));
		const row = await caseRow(full.id);
		const statisticId = row.statisticId;
		expect(statisticId).not.toBeNull();
		const auditBefore = await db().select().from(t.auditEvent).where(eq(t.auditEvent.recordId, full.id));

		const result = await deleteRecord(admin(), full.id, row.version, dueNow());
		expect(result).toEqual({ ok: true, statisticId });

		// Scan every table but the kept ones for the referral, its records and the canaries (its date of
		// birth is every test pupil's, so it is not one).
		const tables = await database().client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'");
		const markers = [full.id, full.code, full.escalationId, TEXT.goal, TEXT.escalationReference, TEXT.onward, TEXT.oneToOnePlace, ...Object.values(CANARY)];
		for (const { name } of tables.rows) {
			if (name === 'audit_event' || name === 'referral_statistic') continue;
			const rows = await database().client.execute(`SELECT * FROM "${String(name)}"`);
			const text = JSON.stringify(rows.rows.map((r) => Object.values(r).map((v) => (v instanceof ArrayBuffer ? '' : v))));
			expect(markers.filter((m) => text.toLowerCase().includes(m.toLowerCase())), `table ${String(name)}`).toEqual([]);
		}
		expect(await db().select().from(t.youngPerson).where(eq(t.youngPerson.id, row.youngPersonId ?? ''))).toEqual([]);
		expect(await db().select().from(t.supportSession).where(eq(t.supportSession.id, full.oneToOneSessionId))).toEqual([]);
		// The shared group session stays, with the other young person's own attendance.
		expect(await db().select().from(t.supportSession).where(eq(t.supportSession.id, full.sharedSessionId))).toHaveLength(1);
		const register = await db().select().from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.sessionId, full.sharedSessionId));
		expect(register.map((r) => r.referralId)).toEqual([full.otherId]);
		expect((await caseRow(full.otherId)).state).toBe('in_programme');

		const auditAfter = await db().select().from(t.auditEvent).where(eq(t.auditEvent.recordId, full.id));
		expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
		expect(auditAfter.slice(auditBefore.length).map((a) => a.action)).toEqual(['retention.deleted']);
		expect(findCanaries(JSON.stringify(auditAfter))).toEqual([]);
		const [statistic] = await db().select().from(t.referralStatistic).where(eq(t.referralStatistic.id, statisticId ?? ''));
		expect(statistic).toMatchObject({ state: 'closed', outcome: 'completed', certificateIssued: true, followUp6Status: 'not_returned', escalations: 1 });
		expect(JSON.stringify(await serviceReport(commissioner, readFilter(new URLSearchParams()), new Date()))).toBe(reportBefore);
	});

	it('then answers the public certificate check with “not found”, not an error', async () => {
		expect(await checkCertificate(full.code, '10.0.0.9')).toEqual({ status: 'unknown' });
		const data = await checkLoad({ ...fakeEvent({ path: `/check/${full.code}` }), params: { code: full.code } } as never);
		expect(data).toEqual({ result: { status: 'unknown' } });
	});

	it('answers a second deletion of the same record with not found', async () => {
		expect(await deleteRecord(admin(), full.id, 1, dueNow())).toEqual({ ok: false, problem: 'not-found' });
	});
});
