import { and, asc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import { ESCALATION_AGENCY_LABELS, type EscalationAgency } from '$lib/escalation-agencies';
import { labelOf } from '$lib/codes';
import { ESCALATION_METHODS, LAWFUL_BASES } from '$lib/schemas/escalation';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { preparedQuery } from '../db/prepared';
import { caseInScope, referralScope } from '../referrals/scope';
import { ESCALATION_STATE_LABELS, ESCALATION_STATE_TAGS, needsWrittenReferral, type EscalationState } from './lifecycle';
import { escalationActorOf, isMadeBySchool } from './record';
import { TIMER_LABELS } from './timers';

/** What a school's safeguarding lead sees of an escalation: to whom, when, its state and outcome. */
export interface EscalationSummaryView {
	id: string;
	agencyLabel: string;
	sentAt: string | null;
	state: EscalationState;
	stateLabel: string;
	stateTag: string;
	outcome: string | null;
	canEdit: boolean;
	canDownloadPdf: boolean;
}

export interface TimerView {
	label: string;
	dueAt: string;
	metAt: string | null;
	stopped: boolean;
	overdue: boolean;
}

/** What youth workers (and admins) see: everything recorded, and its timers. */
export interface EscalationDetailView extends EscalationSummaryView {
	agency: string;
	required: boolean;
	methodLabel: string | null;
	reference: string | null;
	lawfulBasisLabel: string | null;
	writtenReferralAt: string | null;
	needsWrittenReferral: boolean;
	acknowledgedAt: string | null;
	decision: string | null;
	decisionAt: string | null;
	nextAction: string | null;
	madeBy: string;
	timers: TimerView[];
}

export type EscalationsView =
	| { audience: 'school'; referralId: string; canCreate: boolean; escalations: EscalationSummaryView[] }
	| { audience: 'service'; referralId: string; canCreate: boolean; escalations: EscalationDetailView[] };

const iso = (d: Date | null) => d?.toISOString() ?? null;
export const agencyLabel = (agency: string) => ESCALATION_AGENCY_LABELS[agency as EscalationAgency] ?? agency;

/**
 * The escalations of a case, shaped by who is looking (DOMAIN.md §3 step 4, issue 8): a school sees
 * that an escalation was made, to whom, and its outcome, whatever the consent to share progress (it
 * is a safeguarding action), and never notes, decisions, references or timers. Youth workers and
 * admins see everything. Null when the case is outside the actor's scope.
 */
const escalationsPrepared = preparedQuery((q) =>
	q
		.select({ escalation: t.escalation, madeBy: t.user.displayName })
		.from(t.escalation)
		.leftJoin(t.user, eq(t.user.id, t.escalation.createdBy))
		.where(and(eq(t.escalation.referralId, sql.placeholder('referralId')), eq(t.escalation.serviceId, sql.placeholder('serviceId'))))
		.orderBy(asc(t.escalation.createdAt), asc(t.escalation.id))
		.prepare()
);
const escalationTimersPrepared = preparedQuery((q) =>
	q
		.select()
		.from(t.caseTimer)
		.where(and(eq(t.caseTimer.referralId, sql.placeholder('referralId')), isNotNull(t.caseTimer.subjectId)))
		.orderBy(asc(t.caseTimer.dueAt), asc(t.caseTimer.kind))
		.prepare()
);

export async function escalationsFor(actor: Actor, referralId: string, now = new Date()): Promise<EscalationsView | null> {
	const referral = await caseInScope(actor, referralId);
	if (!referral) return null;
	const by = escalationActorOf(actor);
	const rows = await escalationsPrepared({ referralId, serviceId: actor.serviceId }).all();
	const summary = (e: (typeof rows)[number]['escalation']): EscalationSummaryView => {
		const state = e.state as EscalationState;
		const mayChange = by === 'youth_worker' || (by === 'school' && isMadeBySchool(e));
		return {
			id: e.id,
			agencyLabel: agencyLabel(e.agency),
			sentAt: iso(e.sentAt),
			state,
			stateLabel: ESCALATION_STATE_LABELS[state] ?? state,
			stateTag: ESCALATION_STATE_TAGS[state] ?? 'grey',
			outcome: e.outcome,
			canEdit: mayChange && state !== 'withdrawn',
			canDownloadPdf: mayChange && state !== 'withdrawn'
		};
	};
	if (by === 'school') {
		const visible = rows.filter(({ escalation: e }) => e.sentAt !== null || isMadeBySchool(e));
		return { audience: 'school', referralId, canCreate: true, escalations: visible.map(({ escalation }) => summary(escalation)) };
	}
	const timers = await escalationTimersPrepared({ referralId }).all();
	return {
		audience: 'service',
		referralId,
		canCreate: by !== null,
		escalations: rows.map(({ escalation: e, madeBy }) => ({
			...summary(e),
			agency: e.agency,
			required: e.required,
			methodLabel: e.method ? labelOf(ESCALATION_METHODS, e.method) : null,
			reference: e.reference,
			lawfulBasisLabel: e.lawfulBasis ? labelOf(LAWFUL_BASES, e.lawfulBasis) : null,
			writtenReferralAt: iso(e.writtenReferralAt),
			needsWrittenReferral: needsWrittenReferral(e),
			acknowledgedAt: iso(e.acknowledgedAt),
			decision: e.decision,
			decisionAt: iso(e.decisionAt),
			nextAction: e.nextAction,
			madeBy: madeBy ?? 'Former user',
			timers: timers
				.filter((tm) => tm.subjectId === e.id)
				.map((tm) => ({
					label: TIMER_LABELS[tm.kind] ?? tm.kind,
					dueAt: tm.dueAt.toISOString(),
					metAt: iso(tm.metAt),
					stopped: tm.stoppedAt !== null,
					overdue: !tm.metAt && !tm.stoppedAt && tm.dueAt < now
				}))
		}))
	};
}

/** One escalation for its edit page, if the actor may change it; the read is audited. */
export async function escalationForEdit(actor: Actor, referralId: string, escalationId: string) {
	const by = escalationActorOf(actor);
	if (!by) return null;
	const [found] = await db()
		.select({ escalation: t.escalation, displayName: t.referral.displayName })
		.from(t.escalation)
		.innerJoin(t.referral, eq(t.referral.id, t.escalation.referralId))
		.where(and(eq(t.escalation.id, escalationId), eq(t.escalation.referralId, referralId), referralScope(actor), ne(t.referral.state, 'draft')));
	if (!found || (by === 'school' && !isMadeBySchool(found.escalation))) return null;
	const e = found.escalation;
	await recordAudit(db(), actor, { action: 'escalation.viewed', recordType: 'escalation', recordId: e.id, schoolId: e.schoolId, detail: { referralId } });
	return { displayName: found.displayName, escalation: e, agencyLabel: agencyLabel(e.agency), needsWrittenReferral: needsWrittenReferral(e) };
}

export type EscalationForEdit = NonNullable<Awaited<ReturnType<typeof escalationForEdit>>>;

/** The case a new escalation is for, if the actor may record one on it; the read is audited. */
export async function escalationCase(actor: Actor, referralId: string) {
	if (!escalationActorOf(actor)) return null;
	const [row] = await db()
		.select({ id: t.referral.id, displayName: t.referral.displayName, schoolId: t.referral.schoolId })
		.from(t.referral)
		.where(and(eq(t.referral.id, referralId), referralScope(actor), ne(t.referral.state, 'draft')));
	if (!row) return null;
	await recordAudit(db(), actor, { action: 'escalation.form-viewed', recordType: 'referral', recordId: row.id, schoolId: row.schoolId });
	return { id: row.id, displayName: row.displayName || 'Referral' };
}
