import { and, eq } from 'drizzle-orm';
import type { Actor } from '$lib/server/auth/actor';
import { issueCertificate } from '$lib/server/certificates/issue';
import { db, t } from '$lib/server/db';
import { createEscalation } from '$lib/server/escalations/escalations';
import { scheduleFollowUps } from '$lib/server/follow-ups/schedule';
import { closeNotReturned, promptDue } from '$lib/server/follow-ups/sweep';
import { createOnwardReferral } from '$lib/server/onward-referrals/onward-referrals';
import { recordOutcome } from '$lib/server/outcomes/record';
import { recordSchoolDecision } from '$lib/server/triage/fallback';
import { addAttendee } from '$lib/server/support-sessions/attendees';
import { withdrawReferral } from '$lib/server/referrals/withdraw';
import { todayIso } from '$lib/schemas/fields';
import { newId } from '$lib/server/util/ids';
import { caseRow, submittedCase } from '../helpers/case';
import type { TestService } from '../helpers/world';
import { made } from './escalation-fixtures';
import { caseInProgramme, fullyAttendedCase } from './outcome-fixtures';

/**
 * Builders for the retention and subject-access tests: cases carried to closure through the domain
 * functions the pages and jobs call, so every table a real case touches holds its rows.
 */
const MINUTE = 60_000;

function check<T extends { ok: boolean }>(what: string, result: T): T {
	if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result)}`);
	return result;
}

/** A referral withdrawn by the school and closed when the school records what it decided instead. */
export async function closedWithdrawnCase(dsl: Actor, overrides: Parameters<typeof submittedCase>[1] = {}, closedAt = new Date()): Promise<string> {
	const id = await submittedCase(dsl, overrides, new Date(closedAt.getTime() - 10 * MINUTE));
	check('withdraw', await withdrawReferral(dsl, id, 'The family moved away', (await caseRow(id)).version, new Date(closedAt.getTime() - 5 * MINUTE)));
	check('school decision', await recordSchoolDecision(dsl, id, { decision: 'no_further_sanction', days: null, note: '' }, (await caseRow(id)).version, closedAt));
	return id;
}

export interface FullCase {
	id: string;
	/** Another school's young person, in one of the same group sessions. */
	otherId: string;
	sharedSessionId: string;
	oneToOneSessionId: string;
	code: string;
	escalationId: string;
	closedAt: Date;
}

async function oneToOne(referralId: string, youthWorker: Actor, place: string): Promise<string> {
	const row = await caseRow(referralId);
	const now = new Date();
	const sessionId = newId();
	await db().insert(t.supportSession).values({ id: sessionId, serviceId: row.serviceId, kind: 'one_to_one', date: todayIso(), startTime: '15:00', startsAt: now, durationMinutes: 45, mode: 'in_person', place, createdAt: now, createdBy: youthWorker.userId, updatedAt: now });
	await db().insert(t.supportSessionAttendee).values({ id: newId(), sessionId, referralId, serviceId: row.serviceId, schoolId: row.schoolId, attendance: 'present', addedAt: now, addedBy: youthWorker.userId });
	return sessionId;
}

/**
 * A completed case with everything a case can hold (triage, an escalation, assessment and goals,
 * group and 1:1 sessions, outcome, certificate, onward referral, a follow-up not returned) and closed;
 * another school's young person shares one of its group sessions.
 */
export async function fullClosedCase(
	s: TestService,
	answers: Parameters<typeof submittedCase>[1],
	otherAnswers: Parameters<typeof submittedCase>[1],
	text: { goal: string; escalationReference: string; onward: string; oneToOnePlace: string; certificateName: string }
): Promise<FullCase> {
	const yw = s.actors.youth_worker;
	const id = await fullyAttendedCase(s.schools[0].actors.dsl, yw, [text.goal], answers);
	const otherId = await caseInProgramme(s.schools[1].actors.dsl, yw, ['Another young person’s goal'], otherAnswers);
	const [shared] = await db().select({ sessionId: t.supportSessionAttendee.sessionId }).from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.referralId, id));
	if (!shared) throw new Error('no session');
	check('add attendee', await addAttendee(yw, shared.sessionId, otherId));
	await db().update(t.supportSessionAttendee).set({ attendance: 'present', note: 'Other pupil’s register note' }).where(and(eq(t.supportSessionAttendee.sessionId, shared.sessionId), eq(t.supportSessionAttendee.referralId, otherId)));
	const oneToOneSessionId = await oneToOne(id, yw, text.oneToOnePlace);
	const escalation = check('escalation', await createEscalation(yw, id, made('camhs', 'phone', '2026-11-17 10:00', { reference: text.escalationReference })));
	const escalationId = 'id' in escalation ? String(escalation.id) : '';
	const today = todayIso();
	const [y, m, d] = today.split('-');
	check('onward', await createOnwardReferral(yw, id, { version: 0, toService: text.onward, referredDay: String(Number(d)), referredMonth: String(Number(m)), referredYear: y ?? '', accepted: 'yes', takenUp: 'yes', note: '' }));
	check('outcome', await recordOutcome(yw, id, { outcome: 'completed', overrideReason: '', outcomeOn: today, ratings: ['achieved'], fromReview: false }, (await caseRow(id)).version));
	const issued = check('certificate', await issueCertificate(yw, id, text.certificateName));
	const [certificate] = await db().select({ code: t.certificate.verificationCode }).from(t.certificate).where(eq(t.certificate.id, 'certificateId' in issued ? String(issued.certificateId) : ''));
	await scheduleFollowUps(db(), new Date());
	const [due] = await db().select().from(t.followUp).where(eq(t.followUp.referralId, id));
	if (!due) throw new Error('no follow-up');
	await promptDue(db(), new Date(due.dueAt.getTime() + MINUTE));
	const [prompted] = await db().select().from(t.followUp).where(eq(t.followUp.id, due.id));
	const closedAt = new Date((prompted?.closeAt ?? due.dueAt).getTime() + MINUTE);
	await closeNotReturned(db(), closedAt);
	if ((await caseRow(id)).state !== 'closed') throw new Error('the case did not close');
	return { id, otherId, sharedSessionId: shared.sessionId, oneToOneSessionId, code: certificate?.code ?? '', escalationId, closedAt };
}
