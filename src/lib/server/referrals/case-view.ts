import { asc, eq, sql } from 'drizzle-orm';
import { CASE_STATE_LABELS, type CaseState } from '$lib/case-states';
import { ROLE_LABELS, type Role } from '$lib/roles';
import { SECTIONS } from '$lib/schemas/referral/sections';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { preparedQuery } from '../db/prepared';
import { userNames } from '../triage/case';
import { consentsOf, sharesProgress } from './consents';
import { findReferral, isEditableBySchool } from './drafts';
import { matchesFor } from './matching';
import { isSchoolActor } from './scope';
import { sectionRows, type SummaryRow } from './summary';
import { availableTransitions } from './workflow';
import { workflowActorOf } from './transition';
import { describeEscalationEvent } from '../escalations/describe';
import { describeFollowUpEvent } from '../follow-ups/describe';
import { TIMER_LABELS } from '../escalations/timers';
import { describeTriageEvent } from '../triage/events';
import { describeSessionEvent } from '../support-sessions/describe';
import { describeProgrammeEvent } from '../assessments/describe';
import { PROGRESS_EVENT_KINDS } from './events';
import { describeOutcomeEvent } from '../outcomes/describe';
import { describeRetentionEvent } from '../retention/describe';

/** States a school sees whatever the consent: received, the outcome, and the end (DOMAIN.md §3). */
const ALWAYS_SHOWN_TO_SCHOOL: CaseState[] = ['draft', 'submitted', 'withdrawn', 'not_suitable', 'completed', 'partially_completed', 'did_not_engage', 'follow_up_due', 'closed'];

export function eventDescription(e: { kind: string; fromState: string | null; toState: string | null; section: string | null }): string {
	const section = SECTIONS.find((s) => s.key === e.section)?.title;
	switch (e.kind) {
		case 'created':
			return 'Referral started';
		case 'edited':
			return `Edited “${section ?? e.section}”`;
		case 'corrected':
			return `Corrected “${section ?? e.section}” after submission`;
		case 'transition':
			return `${CASE_STATE_LABELS[e.fromState as CaseState] ?? e.fromState} → ${CASE_STATE_LABELS[e.toState as CaseState] ?? e.toState}`;
		case 'consent-withdrawn':
			return `Consent withdrawn (${(e.section ?? '').replace('_', ' ')})`;
		case 'match-confirmed':
			return 'Confirmed as the same young person as an earlier referral';
		case 'match-rejected':
			return 'A proposed match with an earlier referral was rejected';
		case 'escalation':
			return describeEscalationEvent(e);
		case 'follow-up':
			return describeFollowUpEvent(e);
		default:
			return describeTriageEvent(e) ?? describeRetentionEvent(e) ?? describeSessionEvent(e) ?? describeProgrammeEvent(e) ?? describeOutcomeEvent(e) ?? e.kind;
	}
}

// The case page's reads, built once (db/prepared.ts): it is the busiest page with the most queries.
const eventsPrepared = preparedQuery((q) =>
	q
		.select({
			at: t.caseEvent.at,
			kind: t.caseEvent.kind,
			fromState: t.caseEvent.fromState,
			toState: t.caseEvent.toState,
			section: t.caseEvent.section,
			reason: t.caseEvent.reason,
			schoolVisible: t.caseEvent.schoolVisible,
			actorUserId: t.caseEvent.actorUserId,
			actorRole: t.caseEvent.actorRole
		})
		.from(t.caseEvent)
		.where(eq(t.caseEvent.referralId, sql.placeholder('referralId')))
		.orderBy(asc(t.caseEvent.id))
		.prepare()
);
const timersPrepared = preparedQuery((q) => q.select().from(t.caseTimer).where(eq(t.caseTimer.referralId, sql.placeholder('referralId'))).prepare());
const schoolNamePrepared = preparedQuery((q) => q.select({ name: t.school.name }).from(t.school).where(eq(t.school.id, sql.placeholder('schoolId'))).prepare());

/**
 * The case page, shaped by who is looking (DOMAIN.md §2, §3): youth workers see the whole case; the
 * school sees its own pupil's referral as it made it, and its progress only with consent to share
 * progress. Every view writes an audit row.
 */
export async function viewCase(actor: Actor, referralId: string, now = new Date()) {
	const found = await findReferral(actor, referralId);
	if (!found) return null;
	const { referral, sections } = found;
	const school = isSchoolActor(actor);
	const consents = referral.state === 'draft' ? [] : await consentsOf(referralId);
	const shared = !school || sharesProgress(consents);
	const state = referral.state as CaseState;
	const stateShown: CaseState | 'received' = school && !shared && !ALWAYS_SHOWN_TO_SCHOOL.includes(state) ? 'received' : state;

	const events = await eventsPrepared({ referralId }).all();
	const visible = events.filter((e) => {
		if (!school) return true;
		if (!e.schoolVisible) return false;
		if (shared) return true;
		// Progress in the programme: the school sees it only with consent to share progress (DOMAIN.md §3 step 2).
		if (PROGRESS_EVENT_KINDS.includes(e.kind)) return false;
		if (e.kind !== 'transition') return true;
		return ALWAYS_SHOWN_TO_SCHOOL.includes(e.toState as CaseState);
	});
	const names = await userNames(
		db(),
		visible.map((e) => e.actorUserId)
	);
	const timers = await timersPrepared({ referralId }).all();
	const [schoolRow] = await schoolNamePrepared({ schoolId: referral.schoolId }).all();
	const by = workflowActorOf(actor);

	await recordAudit(db(), actor, { action: 'referral.viewed', recordType: 'referral', recordId: referralId, schoolId: referral.schoolId });

	return {
		id: referral.id,
		version: referral.version,
		state: stateShown,
		stateLabel: stateShown === 'received' ? 'Received' : CASE_STATE_LABELS[stateShown],
		displayName: referral.displayName || 'New referral',
		schoolName: schoolRow?.name ?? '',
		createdAt: referral.createdAt.toISOString(),
		submittedAt: referral.submittedAt?.toISOString() ?? null,
		flags: shared ? { review: referral.reviewFlag, childProtection: referral.childProtection, legalHold: referral.legalHold } : null,
		progressShared: shared,
		editable: school && isEditableBySchool(referral),
		canWithdraw: by !== null && referral.state !== 'draft' && availableTransitions(state, by).includes('withdraw'),
		withdrawnReason: referral.withdrawnReason,
		sections: SECTIONS.map((s) => {
			const saved = sections[s.key];
			return { key: s.key, title: s.title, complete: saved?.complete ?? false, rows: saved ? sectionRows(s.key, saved.data) : ([] as SummaryRow[]) };
		}),
		// The school sees the case's own triage timer; escalation and countersign timers are the service's.
		timers: shared
			? timers.filter((tm) => !school || tm.kind === 'triage').map((tm) => ({
					kind: tm.kind,
					label: TIMER_LABELS[tm.kind] ?? tm.kind,
					dueAt: tm.dueAt.toISOString(),
					metAt: tm.metAt?.toISOString() ?? null,
					stopped: tm.stoppedAt !== null,
					overdue: !tm.metAt && !tm.stoppedAt && tm.dueAt < now
				}))
			: [],
		consents: consents.map((c) => ({ kind: c.kind, given: c.given, givenOn: c.givenOn, withdrawnAt: c.withdrawnAt?.toISOString() ?? null, withdrawnReason: c.withdrawnReason, version: c.version })),
		chronology: visible.map((e) => ({
			at: e.at.toISOString(),
			who: e.actorUserId ? `${names.get(e.actorUserId) ?? 'Former user'} (${ROLE_LABELS[e.actorRole as Role] ?? e.actorRole})` : 'The system',
			what: eventDescription(e),
			// A school reads the reasons its own staff gave; the service's notes and reasons stay with the service.
			reason: school && e.actorRole !== 'dsl' && e.actorRole !== 'deputy_dsl' ? null : e.reason
		})),
		matches: school ? [] : (await matchesFor(actor, referralId)).map((m) => ({ ...m, matchedSubmittedAt: m.matchedSubmittedAt?.toISOString() ?? null }))
	};
}

export type CaseView = NonNullable<Awaited<ReturnType<typeof viewCase>>>;
