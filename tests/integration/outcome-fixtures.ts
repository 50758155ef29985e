import type { Actor } from '$lib/server/auth/actor';
import { db, t } from '$lib/server/db';
import type { Attendance } from '$lib/server/outcomes/outcome-rule';
import { caseModuleSet } from '$lib/server/programme/module-set';
import { applyTransition } from '$lib/server/referrals/transition';
import { newId } from '$lib/server/util/ids';
import { acceptedCase, caseRow } from '../helpers/case';

/**
 * Builders for the outcome and certificate tests. Assessment, goals, sessions and registers are
 * inserted as rows (their own pages are built separately); the case moves through the real workflow.
 */
export async function coreModuleIds(referralId: string): Promise<string[]> {
	const set = await caseModuleSet(db(), await caseRow(referralId));
	return (set?.modules ?? []).filter((m) => m.core).map((m) => m.id);
}

export async function completeAssessment(referralId: string, youthWorker: Actor, goals: string[]): Promise<void> {
	const row = await caseRow(referralId);
	const now = new Date();
	const scope = { referralId, serviceId: row.serviceId, schoolId: row.schoolId };
	await db().insert(t.assessment).values({ id: newId(), ...scope, completedAt: now, completedBy: youthWorker.userId, createdAt: now, createdBy: youthWorker.userId, updatedAt: now, updatedBy: youthWorker.userId });
	for (const [i, text] of goals.entries()) await db().insert(t.goal).values({ id: newId(), ...scope, position: i + 1, text });
}

/** One session covering `moduleIds`, with the young person on its register. */
export async function attend(referralId: string, youthWorker: Actor, moduleIds: string[], attendance: Attendance | null, options: { cancelled?: boolean } = {}): Promise<void> {
	const row = await caseRow(referralId);
	const now = new Date();
	const sessionId = newId();
	await db()
		.insert(t.supportSession)
		.values({
			id: sessionId,
			serviceId: row.serviceId,
			kind: 'group',
			date: '2026-11-10',
			startTime: '10:00',
			startsAt: now,
			durationMinutes: 60,
			mode: 'in_person',
			place: 'Youth centre',
			cancelledAt: options.cancelled ? now : null,
			createdAt: now,
			createdBy: youthWorker.userId,
			updatedAt: now
		});
	for (const moduleId of moduleIds) await db().insert(t.supportSessionModule).values({ sessionId, moduleId });
	await db()
		.insert(t.supportSessionAttendee)
		.values({ id: newId(), sessionId, referralId, serviceId: row.serviceId, schoolId: row.schoolId, attendance, addedAt: now, addedBy: youthWorker.userId });
}

/** Moves a case along the workflow as the youth worker. */
export async function move(referralId: string, youthWorker: Actor, ...transitions: ('start-assessment' | 'start-programme')[]): Promise<void> {
	for (const transition of transitions) {
		const row = await caseRow(referralId);
		await db().transaction(async (tx) => {
			const result = await applyTransition(tx, youthWorker, row, transition);
			if (!result.ok) throw new Error(`${transition}: ${result.problem}`);
		});
	}
}

/** An accepted case in programme with its assessment done and `goals` set; registers are up to the test. */
export async function caseInProgramme(dsl: Actor, youthWorker: Actor, goals = ['Stay in lessons all week'], overrides: Parameters<typeof acceptedCase>[2] = {}): Promise<string> {
	const id = await acceptedCase(dsl, youthWorker, overrides);
	await move(id, youthWorker, 'start-assessment');
	await completeAssessment(id, youthWorker, goals);
	await move(id, youthWorker, 'start-programme');
	return id;
}

/** A case in programme with every core module attended. */
export async function fullyAttendedCase(dsl: Actor, youthWorker: Actor, goals?: string[], overrides: Parameters<typeof acceptedCase>[2] = {}): Promise<string> {
	const id = await caseInProgramme(dsl, youthWorker, goals, overrides);
	for (const moduleId of await coreModuleIds(id)) await attend(id, youthWorker, [moduleId], 'present');
	return id;
}
