import { and, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { todayIso } from '$lib/schemas/fields';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Queryable } from '../db';
import { refreshStatistic } from '../statistics/refresh';
import { retentionCase, retentionStateOf } from './record';
import { PUPIL_TABLES } from './tables';

/**
 * Deleting a closed case's record at review (DOMAIN.md §7; SECURITY.md 23): every pupil-level row of
 * the referral goes, in one transaction; the audit rows and the anonymised statistics row stay, so
 * past reports do not change. A legal hold, a case still open or a review date still to come refuses it.
 */

/** 1:1 sessions only this young person attended: nothing of them is anyone else's. */
async function ownSessions(q: Queryable, referralId: string): Promise<string[]> {
	const rows = await q
		.select({ id: t.supportSession.id })
		.from(t.supportSessionAttendee)
		.innerJoin(t.supportSession, eq(t.supportSession.id, t.supportSessionAttendee.sessionId))
		.where(
			and(
				eq(t.supportSessionAttendee.referralId, referralId),
				sql`not exists (select 1 from ${t.supportSessionAttendee} other where other.session_id = ${t.supportSession.id} and other.referral_id <> ${referralId})`
			)
		);
	return rows.map((r) => r.id);
}

async function youngPersonToDelete(q: Queryable, referral: { id: string; youngPersonId: string | null }): Promise<string | null> {
	if (!referral.youngPersonId) return null;
	const [other] = await q
		.select({ n: count() })
		.from(t.referral)
		.where(and(eq(t.referral.youngPersonId, referral.youngPersonId), ne(t.referral.id, referral.id)));
	return (other?.n ?? 0) === 0 ? referral.youngPersonId : null;
}

/** What deletion would remove, counted, for the confirmation page (audited as a read). */
export async function deletionPreview(actor: Actor, referralId: string, now = new Date()) {
	const found = await retentionCase(db(), actor, referralId);
	if (!found) return null;
	const r = found.referral;
	const rows: { label: string; count: number }[] = [{ label: 'The referral and the young person’s details', count: 1 }];
	for (const p of PUPIL_TABLES) {
		const [n] = await db().select({ n: count() }).from(p.table).where(eq(p.column, referralId));
		if (n && n.n > 0) rows.push({ label: p.label, count: n.n });
	}
	const sessions = await ownSessions(db(), referralId);
	if (sessions.length > 0) rows.push({ label: 'One-to-one sessions', count: sessions.length });
	await recordAudit(db(), actor, { action: 'retention.delete-viewed', recordType: 'referral', recordId: r.id, schoolId: r.schoolId });
	return { id: r.id, version: r.version, schoolName: found.schoolName, state: retentionStateOf(r, now), reviewOn: r.retentionReviewOn, rows };
}

export type DeleteResult = { ok: true; statisticId: string | null } | { ok: false; problem: 'not-found' | 'held' | 'not-due' | 'open' | 'stale' };

export async function deleteRecord(actor: Actor, referralId: string, expectedVersion: number, now = new Date()): Promise<DeleteResult> {
	return db().transaction(async (tx): Promise<DeleteResult> => {
		const found = await retentionCase(tx, actor, referralId);
		if (!found) return { ok: false, problem: 'not-found' };
		const r = found.referral;
		const state = retentionStateOf(r, now);
		if (state === 'held' || state === 'open') return { ok: false, problem: state };
		if (state === 'not-due' || r.state !== 'closed' || !r.retentionReviewOn || r.retentionReviewOn > todayIso(now)) return { ok: false, problem: 'not-due' };
		if (r.version !== expectedVersion) return { ok: false, problem: 'stale' };
		// The statistics row is brought up to date first: it is all that reports will have of this case.
		await refreshStatistic(tx, referralId, now);
		const [link] = await tx.select({ statisticId: t.referral.statisticId }).from(t.referral).where(eq(t.referral.id, referralId));
		const sessions = await ownSessions(tx, referralId);
		const youngPerson = await youngPersonToDelete(tx, r);
		let removed = 0;
		for (const p of PUPIL_TABLES) removed += (await tx.delete(p.table).where(eq(p.column, referralId))).rowsAffected;
		if (sessions.length > 0) {
			await tx.delete(t.supportSessionModule).where(inArray(t.supportSessionModule.sessionId, sessions));
			await tx.delete(t.supportSession).where(inArray(t.supportSession.id, sessions));
		}
		// Queued emails and kept forms name the case by its id (links, paths): they go too.
		await tx.delete(t.outbox).where(sql`instr(${t.outbox.payload}, ${referralId}) > 0`);
		await tx.delete(t.pendingForm).where(sql`instr(${t.pendingForm.path}, ${referralId}) > 0`);
		await tx.delete(t.referral).where(eq(t.referral.id, referralId));
		if (youngPerson) await tx.delete(t.youngPerson).where(eq(t.youngPerson.id, youngPerson));
		await recordAudit(tx, actor, {
			action: 'retention.deleted',
			recordType: 'referral',
			recordId: referralId,
			schoolId: r.schoolId,
			detail: { statisticId: link?.statisticId ?? null, basis: r.retentionBasis, rows: removed + 1, sessions: sessions.length }
		});
		return { ok: true, statisticId: link?.statisticId ?? null };
	});
}
