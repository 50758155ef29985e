import type { Role } from '$lib/roles';
import type { t } from '../db';
import { reviewDate } from '../retention/dates';
import { closedOnOf } from '../retention/refresh';
import { SETTINGS } from '../settings/definitions';

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

/** Someone acting on a case: a user with their role, or the system (a scheduled job). */
export interface Who {
	userId: string | null;
	role: Role | 'system';
	address: string | null;
}

export const SYSTEM: Who = { userId: null, role: 'system', address: null };

/**
 * Every row one case wrote, in the order the app would have written them, kept together so the
 * statistics row can be computed from exactly what was stored (statistic.ts).
 */
export class CaseRecord {
	referral: Row<typeof t.referral>;
	sections: Row<typeof t.referralSection>[] = [];
	consents: Row<typeof t.consent>[] = [];
	events: Row<typeof t.caseEvent>[] = [];
	audits: Row<typeof t.auditEvent>[] = [];
	timers: Row<typeof t.caseTimer>[] = [];
	triage: Row<typeof t.triage>[] = [];
	escalations: Row<typeof t.escalation>[] = [];
	countersigns: Row<typeof t.countersign>[] = [];
	assessment: Row<typeof t.assessment> | null = null;
	goals: Row<typeof t.goal>[] = [];
	attendance: (Row<typeof t.supportSessionAttendee> & { date: string; cancelled: boolean })[] = [];
	reviews: Row<typeof t.caseReview>[] = [];
	outcome: Row<typeof t.caseOutcome> | null = null;
	certificates: Row<typeof t.certificate>[] = [];
	onward: Row<typeof t.onwardReferral>[] = [];
	followUps: Row<typeof t.followUp>[] = [];

	constructor(referral: Row<typeof t.referral>) {
		this.referral = referral;
	}

	get id(): string {
		return this.referral.id;
	}

	get state(): string {
		return this.referral.state;
	}

	/** A chronology entry (recordCaseEvent). */
	event(at: Date, who: Who, e: { kind: string; fromState?: string | null; toState?: string | null; section?: string | null; reason?: string | null; schoolVisible?: boolean }): void {
		const r = this.referral;
		this.events.push({
			referralId: r.id,
			serviceId: r.serviceId,
			schoolId: r.schoolId,
			at,
			actorUserId: who.userId,
			actorRole: who.role,
			kind: e.kind,
			fromState: e.fromState ?? null,
			toState: e.toState ?? null,
			section: e.section ?? null,
			reason: e.reason ?? null,
			schoolVisible: e.schoolVisible ?? true
		});
	}

	/** An audit row (recordAudit): ids and codes only. */
	audit(at: Date, who: Who, action: string, recordType: string, recordId: string, detail?: Record<string, string | number | boolean | null>): void {
		this.audits.push({
			at,
			actorUserId: who.userId,
			actorRole: who.role === 'system' ? null : who.role,
			serviceId: this.referral.serviceId,
			schoolId: this.referral.schoolId,
			action,
			recordType,
			recordId,
			detail: detail ? JSON.stringify(detail) : null,
			address: who.address
		});
	}

	/** A workflow move as applyTransition makes it: state, version, the chronology entry and the audit row. */
	move(at: Date, who: Who, transition: string, to: string, reason: string | null = null, set: Partial<Row<typeof t.referral>> = {}): void {
		const from = this.referral.state;
		this.referral = { ...this.referral, ...set, state: to, version: (this.referral.version ?? 1) + 1, updatedAt: at };
		// Closure starts the retention period, as applyTransition records it (DOMAIN.md §7), by the default setting.
		if (to === 'closed') {
			const review = reviewDate({ childProtection: this.referral.childProtection ?? false, dateOfBirth: this.referral.dateOfBirth ?? null, closedOn: closedOnOf(at) }, SETTINGS.retention.default.diversionYears);
			this.referral = { ...this.referral, closedAt: at, retentionReviewOn: review.on, retentionBasis: review.basis };
		}
		this.event(at, who, { kind: 'transition', fromState: from, toState: to, reason });
		this.audit(at, who, `referral.${transition}`, 'referral', this.id, { from, to });
	}

	timer(id: string, kind: string, startedAt: Date, dueAt: Date, subjectId: string | null = null): Row<typeof t.caseTimer> {
		const r = this.referral;
		const timer = { id, referralId: r.id, serviceId: r.serviceId, schoolId: r.schoolId, kind, subjectId, startedAt, dueAt, metAt: null, stoppedAt: null, alertedAt: null };
		this.timers.push(timer);
		return timer;
	}

	/** Stops every running timer (a withdrawn case: nothing is due any more). */
	stopTimers(at: Date): void {
		for (const tm of this.timers) if (!tm.metAt && !tm.stoppedAt) tm.stoppedAt = at;
	}
}
