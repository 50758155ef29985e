import { and, eq } from 'drizzle-orm';
import { todayIso } from '$lib/schemas/fields';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { getSetting } from '../settings/settings';
import { recordConsents } from './consents';
import { findReferral } from './drafts';
import { proposeMatches } from './matching';
import { notifyNewReferral } from './notifications';
import { isCollegeType, submissionProblems, type Problem } from './submission-rules';
import { startWorkingDayTimer } from './timers';
import { applyTransition } from './transition';

export type SubmitResult = { ok: true } | { ok: false; problem: 'not-found' | 'stale' | 'wrong-state' } | { ok: false; problem: 'incomplete'; problems: Problem[] };

/** What stops a draft being submitted now, for the check-your-answers page. */
export async function problemsBeforeSubmit(actor: Actor, referralId: string, now = new Date()): Promise<Problem[] | null> {
	const found = await findReferral(actor, referralId);
	if (!found) return null;
	const [school] = await db().select({ type: t.school.type }).from(t.school).where(eq(t.school.id, found.referral.schoolId));
	return submissionProblems({
		sections: found.sections,
		isCollege: isCollegeType(school?.type ?? ''),
		eligibility: await getSetting(db(), actor.serviceId, 'eligibility'),
		today: todayIso(now)
	});
}

/**
 * Submits a draft: the case moves to submitted, the consents are recorded, the triage timer starts
 * (1 working day by default), matches with earlier referrals are proposed, and the service's youth
 * workers are emailed, all in one transaction with the audit row.
 */
export async function submitReferral(actor: Actor, referralId: string, expectedVersion: number, now = new Date()): Promise<SubmitResult> {
	const problems = await problemsBeforeSubmit(actor, referralId, now);
	if (problems === null) return { ok: false, problem: 'not-found' };
	if (problems.length > 0) return { ok: false, problem: 'incomplete', problems };
	const slas = await getSetting(db(), actor.serviceId, 'slas');
	return db().transaction(async (tx) => {
		const [row] = await tx.select().from(t.referral).where(and(eq(t.referral.id, referralId), eq(t.referral.schoolId, actor.schoolId ?? '')));
		if (!row) return { ok: false as const, problem: 'not-found' as const };
		if (row.version !== expectedVersion) return { ok: false as const, problem: 'stale' as const };
		const outcome = await applyTransition(tx, actor, row, 'submit', { expectedVersion, set: { submittedAt: now, submittedBy: actor.userId } }, now);
		if (!outcome.ok) return { ok: false as const, problem: outcome.problem === 'stale' ? ('stale' as const) : ('wrong-state' as const) };
		const [consentSection] = await tx
			.select({ data: t.referralSection.data })
			.from(t.referralSection)
			.where(and(eq(t.referralSection.referralId, referralId), eq(t.referralSection.section, 'consent')));
		await recordConsents(tx, row, JSON.parse(consentSection?.data ?? '{}') as Record<string, unknown>);
		await startWorkingDayTimer(tx, row, 'triage', slas.triageWorkingDays, now);
		await proposeMatches(tx, row, now);
		await notifyNewReferral(tx, row.serviceId, row.id);
		return { ok: true as const };
	});
}
