import { and, count, eq } from 'drizzle-orm';
import { checkDate } from '$lib/schemas/fields';
import { normaliseTime, type SessionInput } from '$lib/schemas/support-session';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Tx } from '../db';
import { isActiveYouthWorker } from '../triage/case';
import { newId } from '../util/ids';
import { sessionOfService, startsAtOf } from './common';
import { storeModules, unknownTitles } from './modules';

export type ScheduleResult =
	| { ok: true; id: string }
	| { ok: false; problem: 'not-found' }
	| { ok: false; problem: 'invalid'; field: string; message: string }
	| { ok: false; problem: 'stale' | 'cancelled' };

export const SESSION_STALE = 'Someone else changed this session while you were editing. Their version is shown; make your changes again';

class Refused extends Error {
	constructor(readonly result: Exclude<ScheduleResult, { ok: true }>) {
		super('refused');
	}
}

/** The stored columns a valid form gives (the schema has already checked each field). */
function columnsOf(input: SessionInput) {
	const date = checkDate(input.dateDay, input.dateMonth, input.dateYear, 'date');
	if (!date.ok) throw new Refused({ ok: false, problem: 'invalid', field: 'dateDay', message: date.message });
	const startTime = normaliseTime(input.startTime);
	const remote = input.mode === 'remote';
	return {
		kind: input.kind === 'one_to_one' ? 'one_to_one' : 'group',
		date: date.iso,
		startTime,
		startsAt: startsAtOf(date.iso, startTime),
		durationMinutes: Number(input.durationMinutes),
		mode: remote ? 'remote' : 'in_person',
		place: remote ? null : input.place,
		link: remote ? input.link : null,
		facilitatorId: input.facilitatorId
	};
}

async function checkChoices(tx: Tx, actor: Actor, sessionId: string | null, input: SessionInput): Promise<void> {
	if (!(await isActiveYouthWorker(tx, actor.serviceId, input.facilitatorId))) {
		throw new Refused({ ok: false, problem: 'invalid', field: 'facilitatorId', message: 'Select a youth worker of the service' });
	}
	if ((await unknownTitles(tx, actor.serviceId, sessionId, input.modules)).length > 0) {
		throw new Refused({ ok: false, problem: 'invalid', field: 'modules', message: 'Select modules from the list' });
	}
}

async function settle(run: () => Promise<ScheduleResult>): Promise<ScheduleResult> {
	try {
		return await run();
	} catch (e) {
		if (e instanceof Refused) return e.result;
		throw e;
	}
}

/** Schedules a session of the actor's service (DOMAIN.md §3 step 6). */
export async function scheduleSession(actor: Actor, input: SessionInput, now = new Date()): Promise<ScheduleResult> {
	if (actor.role !== 'youth_worker') return { ok: false, problem: 'not-found' };
	return settle(() =>
		db().transaction(async (tx) => {
			const columns = columnsOf(input);
			await checkChoices(tx, actor, null, input);
			const id = newId();
			await tx.insert(t.supportSession).values({ id, serviceId: actor.serviceId, ...columns, createdAt: now, createdBy: actor.userId, updatedAt: now });
			await storeModules(tx, actor.serviceId, id, input.modules);
			await recordAudit(tx, actor, { action: 'support-session.scheduled', recordType: 'support_session', recordId: id, detail: { kind: columns.kind, mode: columns.mode, modules: input.modules.length } });
			return { ok: true, id };
		})
	);
}

/** Changes a session; the version read when editing began must still be current (SECURITY.md 20). */
export async function editSession(actor: Actor, sessionId: string, input: SessionInput, now = new Date()): Promise<ScheduleResult> {
	return settle(() =>
		db().transaction(async (tx) => {
			const row = await sessionOfService(tx, actor, sessionId);
			if (!row) return { ok: false, problem: 'not-found' };
			if (row.cancelledAt) return { ok: false, problem: 'cancelled' };
			const columns = columnsOf(input);
			await checkChoices(tx, actor, sessionId, input);
			if (columns.kind === 'one_to_one') {
				const [held] = await tx.select({ n: count() }).from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.sessionId, sessionId));
				if ((held?.n ?? 0) > 1) throw new Refused({ ok: false, problem: 'invalid', field: 'kind', message: 'A 1:1 session holds one young person: remove the others first' });
			}
			const updated = await tx
				.update(t.supportSession)
				.set({ ...columns, version: row.version + 1, updatedAt: now })
				.where(and(eq(t.supportSession.id, sessionId), eq(t.supportSession.version, input.version)))
				.returning({ id: t.supportSession.id });
			if (updated.length !== 1) return { ok: false, problem: 'stale' };
			await storeModules(tx, actor.serviceId, sessionId, input.modules);
			await recordAudit(tx, actor, { action: 'support-session.changed', recordType: 'support_session', recordId: sessionId, detail: { kind: columns.kind, mode: columns.mode, modules: input.modules.length } });
			return { ok: true, id: sessionId };
		})
	);
}

/** Cancels a session with a reason. It stays on record, and its calendar entry says it is cancelled. */
export async function cancelSession(actor: Actor, sessionId: string, input: { version: number; reason: string }, now = new Date()): Promise<ScheduleResult> {
	return db().transaction(async (tx): Promise<ScheduleResult> => {
		const row = await sessionOfService(tx, actor, sessionId);
		if (!row) return { ok: false, problem: 'not-found' };
		if (row.cancelledAt) return { ok: false, problem: 'cancelled' };
		const updated = await tx
			.update(t.supportSession)
			.set({ cancelledAt: now, cancelledReason: input.reason.trim(), version: row.version + 1, updatedAt: now })
			.where(and(eq(t.supportSession.id, sessionId), eq(t.supportSession.version, input.version)))
			.returning({ id: t.supportSession.id });
		if (updated.length !== 1) return { ok: false, problem: 'stale' };
		await recordAudit(tx, actor, { action: 'support-session.cancelled', recordType: 'support_session', recordId: sessionId });
		return { ok: true, id: sessionId };
	});
}
