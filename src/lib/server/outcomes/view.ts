import { asc, desc, eq, sql } from 'drizzle-orm';
import type { CaseState } from '$lib/case-states';
import { GOAL_RATING_LABELS, isOutcome, OUTCOME_LABELS, type GoalRating } from '$lib/outcomes';
import type { Actor } from '../auth/actor';
import { t } from '../db';
import { preparedQuery } from '../db/prepared';
import { caseInScope, isSchoolActor } from '../referrals/scope';
import { outcomesFrom } from './record';

const OUTCOME_TAGS = { completed: 'green', partially_completed: 'yellow', did_not_engage: 'pink', withdrawn: 'grey' } as const;

/**
 * The outcome part of the case page, shaped by role (STYLE.md rule 6). The school always sees the
 * outcome, with or without consent to share progress (DOMAIN.md §3 step 2), and can download the
 * certificate unless it was revoked; goals and the reasons for an override stay with the service.
 * The case page's own load writes the audit row for the read.
 */
const outcomePrepared = preparedQuery((q) => q.select().from(t.caseOutcome).where(eq(t.caseOutcome.referralId, sql.placeholder('referralId'))).prepare());
const certificatePrepared = preparedQuery((q) =>
	q
		.select({ code: t.certificate.verificationCode, issuedAt: t.certificate.issuedAt, revokedAt: t.certificate.revokedAt })
		.from(t.certificate)
		.where(eq(t.certificate.referralId, sql.placeholder('referralId')))
		.orderBy(desc(t.certificate.issuedAt))
		.limit(1)
		.prepare()
);
const goalRatingsPrepared = preparedQuery((q) =>
	q
		.select({ text: t.goal.text, achievement: t.goal.achievement })
		.from(t.goal)
		.where(eq(t.goal.referralId, sql.placeholder('referralId')))
		.orderBy(asc(t.goal.position))
		.prepare()
);

export async function outcomePanelFor(actor: Actor, referralId: string) {
	const row = await caseInScope(actor, referralId);
	if (!row) return null;
	const school = isSchoolActor(actor);
	const youthWorker = actor.role === 'youth_worker';
	const [outcome] = await outcomePrepared({ referralId }).all();
	const [certificate] = await certificatePrepared({ referralId }).all();
	const canRecord = youthWorker && !outcome && outcomesFrom(row.state as CaseState).length > 0;
	if (!outcome && !canRecord) return null;
	const goals =
		outcome && !school
			? (await goalRatingsPrepared({ referralId }).all()).map((g) => ({
					text: g.text,
					rating: g.achievement ? (GOAL_RATING_LABELS[g.achievement as GoalRating] ?? g.achievement) : 'Not rated'
				}))
			: [];
	const revoked = certificate?.revokedAt != null;
	const completed = outcome?.outcome === 'completed';
	return {
		referralId,
		outcome: outcome && isOutcome(outcome.outcome) ? { label: OUTCOME_LABELS[outcome.outcome], tag: OUTCOME_TAGS[outcome.outcome], on: outcome.outcomeOn } : null,
		override:
			outcome && !school && outcome.proposed !== outcome.outcome && isOutcome(outcome.proposed)
				? { proposedLabel: OUTCOME_LABELS[outcome.proposed], reason: outcome.overrideReason ?? '' }
				: null,
		goals,
		// The school sees whether there is a certificate and whether it stands; the code is printed on it.
		certificate: certificate ? { code: school ? null : certificate.code, issuedAt: certificate.issuedAt.toISOString(), revoked } : null,
		canDownload: Boolean(certificate) && (youthWorker || (school && !revoked)),
		canRecord,
		canIssue: youthWorker && completed && (!certificate || revoked),
		canRevoke: youthWorker && Boolean(certificate) && !revoked
	};
}

export type OutcomePanelView = NonNullable<Awaited<ReturnType<typeof outcomePanelFor>>>;
