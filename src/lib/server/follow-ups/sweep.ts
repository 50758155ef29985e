import { and, asc, eq, gt, isNotNull, isNull, lte } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import { t, type Db, type Tx } from '../db';
import { recordCaseEvent } from '../referrals/events';
import { applyTransition } from '../referrals/transition';
import { chaseAndClose } from './dates';
import type { FollowUpEventKind } from './describe';
import { emailSchoolLeads } from './notify';
import { serviceCalendars } from './settings';
import { caseRowFor, isFollowedUpOutcome, settleCase } from './settle';

const BATCH = 200;
const DAY_MS = 24 * 60 * 60_000;
const f = t.followUp;
const stillOpen = and(isNull(f.recordedAt), isNull(f.notReturnedAt));

type FollowUpRow = typeof f.$inferSelect;

async function note(tx: Tx, row: FollowUpRow, kind: FollowUpEventKind, detail: Record<string, number>, now: Date): Promise<void> {
	const referral = { id: row.referralId, serviceId: row.serviceId, schoolId: row.schoolId };
	await recordCaseEvent(tx, null, referral, { kind: 'follow-up', section: String(row.months), toState: kind }, now);
	await recordAudit(tx, null, {
		action: `follow-up.${kind.replace('_', '-')}`,
		recordType: 'follow_up',
		recordId: row.id,
		serviceId: row.serviceId,
		schoolId: row.schoolId,
		address: null,
		detail: { months: row.months, ...detail }
	});
}

/**
 * Follow-ups that have fallen due: the case moves to "follow-up due" (from its outcome state; it may
 * already be there while another follow-up is open) and the school's safeguarding leads are emailed.
 * Claimed by a conditional update, so each is prompted once however many instances run the job. One
 * prompted more than a day late (the outcome was recorded late) gets its full chase and close period
 * from now.
 */
export async function promptDue(database: Db, now: Date): Promise<number> {
	const calendarOf = serviceCalendars(database);
	const due = await database.select().from(f).where(and(isNull(f.promptedAt), stillOpen, lte(f.dueAt, now))).orderBy(asc(f.dueAt)).limit(BATCH);
	let prompted = 0;
	for (const row of due) {
		const calendar = now.getTime() - row.dueAt.getTime() > DAY_MS ? await calendarOf(row.serviceId) : null;
		const periods = calendar ? chaseAndClose(now, calendar.settings, calendar.holidays) : {};
		const done = await database.transaction(async (tx) => {
			const claimed = await tx.update(f).set({ promptedAt: now, ...periods }).where(and(eq(f.id, row.id), isNull(f.promptedAt), stillOpen)).returning({ id: f.id });
			if (claimed.length === 0) return false;
			const referral = await caseRowFor(tx, row.referralId);
			if (referral && isFollowedUpOutcome(referral.state)) {
				const moved = await applyTransition(tx, null, referral, 'follow-up-due', { notifySchool: false }, now);
				// Thrown errors roll back and are retried; the message carries no pupil details.
				if (!moved.ok) throw new Error(`follow-up-due refused: ${moved.problem}`);
			}
			const recipients = await emailSchoolLeads(tx, row, 'due', now);
			await note(tx, row, 'prompted', { recipients }, now);
			return true;
		});
		if (done) prompted++;
	}
	return prompted;
}

/** Follow-ups still unanswered at their chase time: the school's leads are emailed once more, once. */
export async function chaseUnanswered(database: Db, now: Date): Promise<number> {
	const waiting = await database
		.select()
		.from(f)
		.where(and(isNotNull(f.promptedAt), isNull(f.chasedAt), stillOpen, isNotNull(f.chaseAt), lte(f.chaseAt, now), gt(f.closeAt, now)))
		.limit(BATCH);
	let chased = 0;
	for (const row of waiting) {
		const done = await database.transaction(async (tx) => {
			const claimed = await tx.update(f).set({ chasedAt: now }).where(and(eq(f.id, row.id), isNull(f.chasedAt), stillOpen)).returning({ id: f.id });
			if (claimed.length === 0) return false;
			const recipients = await emailSchoolLeads(tx, row, 'chase', now);
			await note(tx, row, 'chased', { recipients }, now);
			return true;
		});
		if (done) chased++;
	}
	return chased;
}

/**
 * Follow-ups unanswered at their close time close as "not returned" (they count in report
 * denominators, DOMAIN.md §3 step 10). The case closes when it was the last one open, or waits for
 * the next (settleCase).
 */
export async function closeNotReturned(database: Db, now: Date): Promise<number> {
	const overdue = await database.select().from(f).where(and(isNotNull(f.promptedAt), stillOpen, isNotNull(f.closeAt), lte(f.closeAt, now))).limit(BATCH);
	let closed = 0;
	for (const row of overdue) {
		const done = await database.transaction(async (tx) => {
			const claimed = await tx.update(f).set({ notReturnedAt: now }).where(and(eq(f.id, row.id), stillOpen)).returning({ id: f.id });
			if (claimed.length === 0) return false;
			await note(tx, row, 'not_returned', {}, now);
			const settled = await settleCase(tx, null, row.referralId, 'follow-up-not-returned', now);
			if (settled && !settled.ok) throw new Error(`follow-up settle refused: ${settled.problem}`);
			return true;
		});
		if (done) closed++;
	}
	return closed;
}
