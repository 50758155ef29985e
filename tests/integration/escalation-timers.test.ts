import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, db, t } from '$lib/server/db';
import { DUE_PAGE_SIZE, dueListQuery, listDue } from '$lib/server/escalations/due-list';
import { createEscalation } from '$lib/server/escalations/escalations';
import { OVERDUE_SUBJECT, sendOverdueAlerts } from '$lib/server/escalations/overdue';
import { registerCoreJobs } from '$lib/server/jobs/core';
import { createMailTransport, readMailConfig, type MailTransport } from '$lib/server/outbox/transport';
import { runWorkerOnce } from '$lib/server/outbox/worker';
import { newId } from '$lib/server/util/ids';
import { useTestDatabase } from '../helpers/database';
import { recipients, startSmtp } from '../helpers/smtp';
import { seedWorld, type World } from '../helpers/world';
import { anotherYouthWorker, decidedTriageRound, made, submittedReferral, timersOf } from './escalation-fixtures';

let close: () => Promise<void>;
let world: World;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let transport: MailTransport;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	smtp = await startSmtp();
	transport = createMailTransport(readMailConfig({ SMTP_URL: smtp.url }));
});
afterAll(async () => {
	transport.close();
	await smtp.close();
	await close();
});

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

async function escalate(referralId: string, agency: string, method: string, sentLocal: string, now: Date, actor = world.services[0].actors.youth_worker) {
	const result = await createEscalation(actor, referralId, made(agency, method, sentLocal), now);
	if (!result.ok) throw new Error(JSON.stringify(result));
	return result.id;
}

async function dueTimes(escalationId: string) {
	return Object.fromEntries((await timersOf(escalationId)).map((tm) => [tm.kind, iso(tm.dueAt)]));
}

async function triageDue(referralId: string) {
	const [timer] = await db().select().from(t.caseTimer).where(and(eq(t.caseTimer.referralId, referralId), eq(t.caseTimer.kind, 'triage')));
	return iso(timer?.dueAt);
}

describe('timers, counted by the working-days rule', () => {
	it('counts across a weekend: triage and the MASH decision on Monday, the written referral 24 clock hours on', async () => {
		const dsl = world.services[0].schools[0].actors.dsl;
		const referralId = await submittedReferral(dsl, {}, new Date('2026-11-13T16:59:00Z'));
		expect(await triageDue(referralId)).toBe('2026-11-16T16:59:00.000Z');
		const id = await escalate(referralId, 'mash', 'phone', '2026-11-13 16:30', new Date('2026-11-13T17:00:00Z'));
		expect(await dueTimes(id)).toEqual({ 'mash-written-referral': '2026-11-14T16:30:00.000Z', 'mash-decision': '2026-11-16T16:30:00.000Z' });
	});

	it('counts across Christmas and the Boxing Day substitute bank holiday', async () => {
		const dsl = world.services[0].schools[0].actors.dsl;
		const referralId = await submittedReferral(dsl, {}, new Date('2026-12-24T10:00:00Z'));
		expect(await triageDue(referralId)).toBe('2026-12-29T10:00:00.000Z');
		const id = await escalate(referralId, 'mash', 'phone', '2026-12-24 11:00', new Date('2026-12-24T11:05:00Z'));
		expect(await dueTimes(id)).toEqual({ 'mash-written-referral': '2026-12-25T11:00:00.000Z', 'mash-decision': '2026-12-29T11:00:00.000Z' });
	});

	it('starts from 09:00 on the next working day for an escalation made at the weekend', async () => {
		const referralId = await submittedReferral(world.services[0].schools[0].actors.dsl, {}, new Date('2026-11-13T09:00:00Z'));
		const id = await escalate(referralId, 'mash', 'secure_email', '2026-11-14 10:00', new Date('2026-11-14T10:05:00Z'));
		expect(await dueTimes(id)).toEqual({ 'mash-decision': '2026-11-17T09:00:00.000Z' });
	});

	it('starts no timer for an escalation to another agency', async () => {
		const referralId = await submittedReferral(world.services[0].schools[0].actors.dsl, {}, new Date('2026-11-13T09:00:00Z'));
		expect(await dueTimes(await escalate(referralId, 'police', 'phone', '2026-11-13 09:30', new Date('2026-11-13T10:00:00Z')))).toEqual({});
	});
});

describe('overdue alerts', () => {
	const PUPIL_DETAILS = /Testy|Pupilson|Test School|Science block|2012|cannabis/i;

	it('email the service’s active youth workers once, with no pupil details, through a real SMTP server', async () => {
		const s1 = world.services[0];
		await anotherYouthWorker(s1.id, 'second.worker@test.example');
		const gone = await anotherYouthWorker(s1.id, 'gone.worker@test.example');
		await db().update(t.user).set({ active: false }).where(eq(t.user.id, gone.userId));
		const referralId = await submittedReferral(s1.schools[1].actors.dsl, {}, new Date('2026-11-16T09:00:00Z'));
		const id = await escalate(referralId, 'mash', 'phone', '2026-11-16 09:30', new Date('2026-11-16T09:35:00Z'));
		registerCoreJobs();
		const tick = (at: string) => runWorkerOnce(db(), { owner: 'test', now: new Date(at), transport, batch: 100 });
		const alerts = () => smtp.received.filter((m) => m.subject === OVERDUE_SUBJECT);

		await tick('2026-11-17T09:20:00Z');
		await tick('2026-11-17T09:20:05Z');
		// Earlier cases' timers were overdue already and went in that alert; this escalation's were not due yet.
		expect((await timersOf(id)).map((tm) => tm.alertedAt)).toEqual([null, null]);
		const before = alerts().length;

		await tick('2026-11-17T09:40:00Z');
		await tick('2026-11-17T09:40:05Z');
		const sent = alerts().slice(before);
		expect(sent.map(recipients).sort()).toEqual(['second.worker@test.example', 'youth_worker.1@test.example']);
		for (const mail of sent) {
			expect(mail.text).toContain('/due');
			expect(`${mail.subject}\n${mail.text}`).not.toMatch(PUPIL_DETAILS);
			expect(mail.text).not.toContain(referralId);
			expect(mail.text).not.toContain(id);
		}
		expect((await timersOf(id)).map((tm) => iso(tm.alertedAt))).toEqual(['2026-11-17T09:40:00.000Z', '2026-11-17T09:40:00.000Z']);

		await tick('2026-11-17T09:50:00Z');
		await tick('2026-11-17T10:00:00Z');
		await tick('2026-11-17T10:00:05Z');
		expect(alerts().length).toBe(before + 2);
		expect(await sendOverdueAlerts(db(), new Date('2026-11-17T10:05:00Z'))).toBe(0);
		const audit = await db().select().from(t.auditEvent).where(and(eq(t.auditEvent.action, 'timers.overdue-alerted'), eq(t.auditEvent.serviceId, s1.id)));
		expect(audit.length).toBeGreaterThanOrEqual(1);
		expect(audit.every((a) => a.actorUserId === null && a.schoolId === null)).toBe(true);
	});

	it('alert again for something newly overdue, and never email another service', async () => {
		const s1 = world.services[0];
		const referralId = await submittedReferral(s1.schools[0].actors.dsl, {}, new Date('2026-11-17T10:00:00Z'));
		await escalate(referralId, 'mash', 'secure_email', '2026-11-17 10:30', new Date('2026-11-17T10:35:00Z'));
		const before = smtp.received.length;
		expect(await sendOverdueAlerts(db(), new Date('2026-11-18T11:00:00Z'))).toBe(1);
		await runWorkerOnce(db(), { owner: 'test', now: new Date('2026-11-18T11:00:05Z'), transport, batch: 100 });
		const sent = smtp.received.slice(before).filter((m) => m.subject === OVERDUE_SUBJECT);
		expect(sent.map(recipients)).toContain('youth_worker.1@test.example');
		expect(smtp.received.some((m) => m.subject === OVERDUE_SUBJECT && recipients(m).includes('youth_worker.2@'))).toBe(false);
	});
});

describe('the youth workers’ due list', () => {
	const NOW = new Date('2030-03-04T12:00:00Z');
	let lead: Awaited<ReturnType<typeof anotherYouthWorker>>;
	let mashCase: string;
	let ledCase: string;

	beforeAll(async () => {
		const s2 = world.services[1];
		lead = await anotherYouthWorker(s2.id, 'lead.worker@test.example');
		mashCase = await submittedReferral(s2.schools[0].actors.dsl, {}, new Date('2030-03-01T10:00:00Z'));
		await escalate(mashCase, 'mash', 'phone', '2030-03-04 11:00', NOW, s2.actors.youth_worker);
		ledCase = await submittedReferral(s2.schools[1].actors.dsl, {}, new Date('2030-03-04T09:00:00Z'));
		await decidedTriageRound(ledCase, { lead: lead.userId, answers: {} });
	});

	it('lists every open timer of the service, soonest first, with the case, school, kind and an overdue tag', async () => {
		const list = await listDue(world.services[1].actors.youth_worker, {}, NOW);
		expect(list.rows.map((r) => r.dueAt)).toEqual(['2030-03-04T10:00:00.000Z', '2030-03-05T09:00:00.000Z', '2030-03-05T11:00:00.000Z', '2030-03-05T11:00:00.000Z']);
		// Two timers fall due together: their order between themselves is by id, so compare them as a set.
		const rows = list.rows.map((r) => [r.dueAt, r.displayName, r.schoolName, r.label, r.agencyLabel, r.overdue]).sort((a, b) => String(a.join()).localeCompare(String(b.join())));
		expect(rows).toEqual([
			['2030-03-04T10:00:00.000Z', 'Testy Pupilson', 'Test School 2.1', 'Triage', null, true],
			['2030-03-05T09:00:00.000Z', 'Testy Pupilson', 'Test School 2.2', 'Triage', null, false],
			['2030-03-05T11:00:00.000Z', 'Testy Pupilson', 'Test School 2.1', 'MASH decision', 'MASH (children’s social care front door)', false],
			['2030-03-05T11:00:00.000Z', 'Testy Pupilson', 'Test School 2.1', 'Written MASH referral', 'MASH (children’s social care front door)', false]
		]);
		expect(list.rows.every((r) => [mashCase, ledCase].includes(r.referralId))).toBe(true);
		expect(list.next).toBeNull();
	});

	it('filters to “mine”: escalations I made, and cases I lead by the latest decided triage round', async () => {
		const mine = await listDue(world.services[1].actors.youth_worker, { mine: true }, NOW);
		expect(mine.rows.map((r) => [r.referralId, r.label])).toEqual([
			[mashCase, expect.stringMatching(/MASH/)],
			[mashCase, expect.stringMatching(/MASH/)]
		]);
		const led = await listDue(lead, { mine: true }, NOW);
		expect(led.rows.map((r) => [r.referralId, r.label])).toEqual([[ledCase, 'Triage']]);
		const audit = await db().select().from(t.auditEvent).where(and(eq(t.auditEvent.action, 'timers.due-list'), eq(t.auditEvent.actorUserId, lead.userId)));
		expect(audit.map((a) => a.detail)).toEqual([JSON.stringify({ mine: true, page: 'first' })]);
	});

	it('never lists another service’s timers', async () => {
		const list = await listDue(world.services[0].actors.youth_worker, {}, NOW);
		expect(list.rows.some((r) => [mashCase, ledCase].includes(r.referralId))).toBe(false);
	});

	it('walks the due-time index with no table scan, for everything and for “mine”', async () => {
		await database().client.execute('ANALYZE');
		for (const filter of [{}, { mine: true }, { after: '1900000000000.abc' }]) {
			const { sql, params } = dueListQuery(world.services[1].actors.youth_worker, filter).toSQL();
			const plan = (await database().client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: params as never[] })).rows.map((r) => String(r.detail));
			expect(plan.filter((l) => /^SCAN (case_timer|referral|escalation|triage)\b/.test(l)), plan.join('\n')).toEqual([]);
			expect(plan.join('\n')).toMatch(/case_timer_open/);
		}
	});

	it('pages by keyset, soonest first, without repeats', async () => {
		const [referral] = await db().select().from(t.referral).where(eq(t.referral.id, ledCase));
		if (!referral) throw new Error('no referral');
		for (let i = 0; i < DUE_PAGE_SIZE + 3; i++) {
			await db()
				.insert(t.caseTimer)
				.values({ id: newId(), referralId: ledCase, serviceId: referral.serviceId, schoolId: referral.schoolId, kind: 'triage', startedAt: NOW, dueAt: new Date(NOW.getTime() + 86_400_000 * (10 + (i % 7))) });
		}
		const first = await listDue(lead, {}, NOW);
		expect(first.rows).toHaveLength(DUE_PAGE_SIZE);
		const second = await listDue(lead, { after: first.next }, NOW);
		const all = [...first.rows, ...second.rows];
		expect(all).toHaveLength(DUE_PAGE_SIZE + 3 + 4);
		expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
		expect(all.map((r) => r.dueAt)).toEqual([...all.map((r) => r.dueAt)].sort());
		expect(second.next).toBeNull();
		const stopped = await db().select().from(t.caseTimer).where(isNotNull(t.caseTimer.stoppedAt));
		expect(all.some((r) => stopped.some((s) => s.id === r.id))).toBe(false);
	});
});
