import { addHours, addWorkingDays } from '../time/working-days';
import type { CaseRecord, Who } from './case-record';
import { youthWorker, type CaseContext } from './context';

/**
 * Safeguarding steps of a generated case (DOMAIN.md §3 steps 3–4): escalations with their MASH
 * timers, countersignatures of declined escalations and not-suitable decisions, and what the school
 * decided when diversion did not go ahead. Nothing after `now` happens.
 */
const MIN = 60_000;
const DAY = 86_400_000;
const at = (d: Date, ms: number) => new Date(d.getTime() + ms);

/** What the school decided when diversion did not go ahead (recorded by the DSL, most of the time). */
export function fallback(ctx: CaseContext, record: CaseRecord, dsl: Who, when: Date): void {
	if (when > ctx.now || !ctx.r.chance(0.8)) return;
	const decision = ctx.r.weighted({ suspension: 45, no_further_sanction: 40, permanent_exclusion: 5, other: 10 });
	Object.assign(record.referral, { fallbackDecision: decision, fallbackDays: decision === 'suspension' ? ctx.r.int(1, 5) : null, fallbackRecordedAt: when, fallbackRecordedBy: dsl.userId });
	record.event(when, dsl, { kind: 'school-decision', section: decision });
	record.audit(when, dsl, 'referral.fallback-recorded', 'referral', record.id, { decision });
}

export function countersign(ctx: CaseContext, record: CaseRecord, lead: Who, when: Date, kind: string, agency: string | null): void {
	const { r, now, service } = ctx;
	const id = r.id();
	const dueAt = addWorkingDays(when, 1, service.holidays);
	const signedAt = r.chance(0.92) ? at(when, r.int(20, 900) * MIN) : at(dueAt, r.int(60, 3000) * MIN);
	const signed = signedAt <= now;
	const senior = youthWorker(ctx, true);
	record.countersigns.push({ id, referralId: record.id, serviceId: service.id, schoolId: ctx.school.id, kind, agency, rationale: kind === 'not-suitable' ? 'Needs a specialist service instead' : 'The family already works with this service', requestedBy: lead.userId ?? '', requestedAt: when, dueAt, countersignedBy: signed ? senior.userId : null, countersignedAt: signed ? signedAt : null, comment: null });
	const timer = record.timer(r.id(), 'countersign', when, dueAt, id);
	if (kind === 'declined-escalation') record.event(when, lead, { kind: 'escalation-declined', section: agency, reason: 'The family already works with this service', schoolVisible: false });
	record.audit(when, lead, 'triage.countersign-requested', 'countersign', id, { referral: record.id, kind });
	if (!signed) return;
	timer.metAt = signedAt;
	record.event(signedAt, senior, { kind: 'countersigned', section: agency ?? kind, schoolVisible: false });
	record.audit(signedAt, senior, 'triage.countersigned', 'countersign', id, { referral: record.id, kind });
}

/** An escalation sent at triage (DOMAIN.md §3 step 4); returns when it was answered (or far ahead if not yet). */
export function escalate(ctx: CaseContext, record: CaseRecord, lead: Who, when: Date, agency: string): Date {
	const { r, now, service } = ctx;
	const id = r.id();
	const sentAt = at(when, r.int(5, 60) * MIN);
	const phone = agency === 'mash' || agency === 'police';
	const ack = at(sentAt, r.int(30, 600) * MIN);
	const decisionAt = agency === 'mash' && r.chance(0.88) ? at(sentAt, r.int(60, 60 * 20) * MIN) : at(sentAt, r.int(1, 8) * DAY);
	const written = phone && agency === 'mash' ? at(sentAt, r.int(60, r.chance(0.9) ? 60 * 20 : 60 * 40) * MIN) : null;
	const known = (d: Date | null) => (d && d <= now ? d : null);
	const row = {
		id,
		referralId: record.id,
		serviceId: service.id,
		schoolId: ctx.school.id,
		agency,
		state: known(decisionAt) ? (r.chance(0.7) ? 'closed' : 'decided') : known(ack) ? 'acknowledged' : 'sent',
		required: true,
		method: phone ? 'phone' : 'secure_email',
		sentAt: known(sentAt),
		writtenReferralAt: known(written),
		reference: `REF-${r.int(10000, 99999)}`,
		lawfulBasis: r.chance(0.7) ? 'consent' : 'safeguarding',
		acknowledgedAt: known(ack),
		decision: known(decisionAt) ? r.pick(['No further action', 'Early Help assessment offered', 'Strategy discussion held', 'Referred on to a specialist team']) : null,
		decisionAt: known(decisionAt),
		outcome: known(decisionAt) ? 'Answered' : null,
		nextAction: null,
		createdBy: lead.userId ?? '',
		createdByRole: 'youth_worker',
		createdAt: when,
		updatedAt: known(decisionAt) ?? known(ack) ?? when,
		version: 1
	};
	if (sentAt > now) return new Date(8.64e15);
	record.escalations.push(row);
	record.event(sentAt, lead, { kind: 'escalation', section: agency, fromState: null, toState: 'sent', schoolVisible: false });
	record.audit(sentAt, lead, 'escalation.recorded', 'escalation', id, { agency });
	if (agency === 'mash') {
		const tw = record.timer(r.id(), 'mash-written-referral', sentAt, addHours(sentAt, 24), id);
		tw.metAt = row.writtenReferralAt;
		const td = record.timer(r.id(), 'mash-decision', sentAt, addWorkingDays(sentAt, 1, service.holidays), id);
		td.metAt = row.decisionAt;
	}
	if (row.decisionAt) record.event(row.decisionAt, lead, { kind: 'escalation', section: agency, fromState: 'acknowledged', toState: 'decided', schoolVisible: false });
	return row.decisionAt ?? new Date(8.64e15);
}
