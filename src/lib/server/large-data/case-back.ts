import { t } from '../db';
import { followUpSchedule } from '../follow-ups/dates';
import { addWorkingDays, fromLondon } from '../time/working-days';
import { SYSTEM, type Who } from './case-record';
import { londonIso, withdraw, type Front } from './case-front';
import { youthWorker, type CaseContext } from './context';
import { placeholderCertificate } from './certificate-pdf';
import type { RowWriter } from './writer';

/**
 * The second half of a case (DOMAIN.md §3 steps 6–10): programme sessions (groups of about six across
 * the service's schools, or 1:1), registers, reviews, the outcome, goals rated, the certificate,
 * onward referrals and follow-ups. As in case-front.ts, nothing after `now` happens.
 */
const DAY = 86_400_000;
const at = (d: Date, ms: number) => new Date(d.getTime() + ms);
const GROUP_SIZE = 6;
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

interface Slot {
	id: string;
	date: string;
	startsAt: Date;
	moduleId: string;
}

/** The first Wednesday at 16:00 London time at least two days after `from`, then weekly. */
function weeklySlots(from: Date, count: number): { date: string; startsAt: Date }[] {
	const d = new Date(from.getTime() + 2 * DAY);
	while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
	return Array.from({ length: count }, (_, i) => {
		const day = new Date(d.getTime() + i * 7 * DAY);
		const startsAt = fromLondon({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: 16, minute: 0, second: 0, ms: 0 });
		return { date: day.toISOString().slice(0, 10), startsAt };
	});
}

/** Schedules the sessions of a batch of cases that started the programme, and writes the sessions. */
export function runProgrammes(ctxOf: (f: Front) => CaseContext, fronts: Front[], w: RowWriter): void {
	const started = fronts.filter((f) => f.programmeFrom).sort((a, b) => (a.programmeFrom?.getTime() ?? 0) - (b.programmeFrom?.getTime() ?? 0));
	const groups: Front[][] = [];
	for (const f of started.filter((x) => !x.oneToOne)) {
		const last = groups[groups.length - 1];
		if (last && last.length < GROUP_SIZE) last.push(f);
		else groups.push([f]);
	}
	for (const f of started.filter((x) => x.oneToOne)) groups.push([f]);
	for (const group of groups) {
		const first = group[0] as Front;
		const ctx = ctxOf(first);
		const { r, service } = ctx;
		const from = new Date(Math.max(...group.map((f) => f.programmeFrom?.getTime() ?? 0)));
		const facilitator = group[0]?.lead ?? youthWorker(ctx);
		const slots: Slot[] = weeklySlots(from, service.moduleIds.length).map((s, i) => ({ ...s, id: r.id(), moduleId: service.moduleIds[i] as string }));
		for (const s of slots) {
			w.add(t.supportSession, {
				id: s.id,
				serviceId: service.id,
				kind: group.length === 1 && first.oneToOne ? 'one_to_one' : 'group',
				date: s.date,
				startTime: '16:00',
				startsAt: s.startsAt,
				durationMinutes: 60,
				mode: r.chance(0.9) ? 'in_person' : 'remote',
				place: 'Youth centre, main hall',
				link: null,
				facilitatorId: facilitator.userId,
				cancelledAt: null,
				cancelledReason: null,
				version: 1,
				createdAt: from,
				createdBy: facilitator.userId ?? '',
				updatedAt: from
			});
			w.add(t.supportSessionModule, { sessionId: s.id, moduleId: s.moduleId });
		}
		for (const f of group) programmeOfCase(ctxOf(f), f, slots, facilitator, from);
	}
}

type Mark = 'present' | 'late' | 'absent';

function marksFor(ctx: CaseContext, f: Front, count: number): Mark[] {
	const ok = (): Mark => (ctx.r.chance(0.9) ? 'present' : 'late');
	if (f.fate === 'did_not_engage') return ['absent', 'absent'];
	if (f.fate === 'withdrawn') return [ok()];
	if (f.fate === 'partially_completed') return Array.from({ length: count }, (_, i) => (i === 1 ? 'absent' : ok()));
	return Array.from({ length: count }, ok);
}

function programmeOfCase(ctx: CaseContext, f: Front, slots: Slot[], facilitator: Who, from: Date): void {
	const { r, now } = ctx;
	const record = f.record;
	const marks = marksFor(ctx, f, slots.length);
	let absences = 0;
	let lastAt = from;
	// Everyone is added to all their sessions when the programme starts; registers are taken as sessions happen.
	const rows = slots.slice(0, marks.length).map((slot) => {
		const row = { id: r.id(), sessionId: slot.id, referralId: record.id, serviceId: record.referral.serviceId, schoolId: record.referral.schoolId, attendance: null as string | null, note: null, recordedAt: null as Date | null, recordedBy: null as string | null, version: 1, addedAt: from, addedBy: facilitator.userId ?? '', date: slot.date, cancelled: false };
		record.attendance.push(row);
		return { row, slot };
	});
	record.event(from, facilitator, { kind: 'session', section: 'added', schoolVisible: false });
	for (const [i, { row, slot }] of rows.entries()) {
		if (slot.startsAt > now) return;
		const mark = marks[i] as Mark;
		lastAt = at(slot.startsAt, 70 * 60_000);
		Object.assign(row, { attendance: mark, recordedAt: lastAt, recordedBy: facilitator.userId, version: 2 });
		record.event(lastAt, facilitator, { kind: 'attendance', section: mark, schoolVisible: true });
		record.audit(lastAt, facilitator, 'support-session.register-recorded', 'support_session_attendee', row.id, { attendance: mark });
		if (mark === 'absent' && ++absences === 2) {
			const review = { id: r.id(), referralId: record.id, serviceId: record.referral.serviceId, schoolId: record.referral.schoolId, reason: 'absences', raisedAt: lastAt, decision: null as string | null, note: null as string | null, decidedAt: null as Date | null, decidedBy: null as string | null };
			record.reviews.push(review);
			record.referral.reviewFlag = true;
			record.event(lastAt, facilitator, { kind: 'review', section: 'raised', schoolVisible: false });
			const decidedAt = at(lastAt, r.int(1, 4) * DAY);
			if (decidedAt > now) return;
			Object.assign(review, { decision: 'close_did_not_engage', note: 'No contact after two missed sessions', decidedAt, decidedBy: f.lead.userId });
			record.referral.reviewFlag = false;
			record.event(decidedAt, f.lead, { kind: 'review', section: 'close_did_not_engage', reason: 'No contact after two missed sessions', schoolVisible: false });
			lastAt = decidedAt;
		}
	}
	if (f.fate === 'withdrawn') return withdraw(ctx, f, at(lastAt, r.int(2, 10) * DAY));
	outcome(ctx, f, at(lastAt, r.int(1, 5) * DAY));
}

const TRANSITION_OF = { completed: 'complete', partially_completed: 'complete-partially', did_not_engage: 'close-not-engaged' } as const;

function outcome(ctx: CaseContext, f: Front, when: Date): void {
	const { r, now, service, school } = ctx;
	const record = f.record;
	if (when > now || f.fate === 'withdrawn') return;
	const fate = f.fate;
	const outcomeOn = londonIso(when);
	const override = fate === 'completed' && r.chance(0.03);
	record.outcome = { id: r.id(), referralId: record.id, serviceId: service.id, schoolId: school.id, proposed: override ? 'partially_completed' : fate, outcome: fate, overrideReason: override ? 'Caught up the missed module one to one' : null, outcomeOn, recordedAt: when, recordedBy: f.lead.userId ?? '' };
	record.move(when, f.lead, TRANSITION_OF[fate], fate, fate === 'did_not_engage' ? 'No contact after two missed sessions' : null);
	record.audit(when, f.lead, 'outcome.recorded', 'case_outcome', record.outcome.id, { outcome: fate });
	for (const g of record.goals) Object.assign(g, { achievement: fate === 'completed' ? r.weighted({ achieved: 70, partly: 25, not: 5 }) : r.weighted({ achieved: 15, partly: 45, not: 40 }), ratedAt: when, ratedBy: f.lead.userId });
	if (r.chance(0.18)) {
		const accepted = r.weighted({ yes: 70, no: 15, not_known: 15 });
		const takenUp = accepted === 'yes' ? r.weighted({ yes: 65, no: 20, not_known: 15 }) : 'no';
		const id = r.id();
		record.onward.push({ id, referralId: record.id, serviceId: service.id, schoolId: school.id, toService: r.pick(['Young people’s substance service', 'CAMHS', 'Youth club', 'Early Help', 'Careers adviser']), referredOn: outcomeOn, accepted, takenUp, note: null, version: 1, createdAt: when, createdBy: f.lead.userId ?? '', updatedAt: when, updatedBy: f.lead.userId ?? '' });
		record.event(when, f.lead, { kind: 'onward-referral', section: 'created' });
		record.audit(when, f.lead, 'onward.created', 'onward_referral', id, { referralId: record.id, accepted, takenUp });
	}
	if (fate === 'completed' && r.chance(0.92)) {
		const issuedAt = at(when, r.int(0, 3) * DAY);
		if (issuedAt <= now) {
			const p = JSON.parse(record.sections.find((s) => s.section === 'pupil')?.data ?? '{}') as Record<string, string>;
			const name = `${p.preferredName || p.legalForename} ${p.legalSurname}`;
			const code = Array.from({ length: 12 }, () => CODE_ALPHABET[r.int(0, 31)]).join('').match(/.{4}/g)?.join('-') ?? '';
			const id = r.id();
			const pdf = placeholderCertificate();
			record.certificates.push({ id, referralId: record.id, serviceId: service.id, schoolId: school.id, verificationCode: code, name, initials: name.split(' ').map((s) => s[0]?.toUpperCase() ?? '').join(''), completedOn: outcomeOn, pdf: pdf.bytes, sha256: pdf.sha256, issuedAt, issuedBy: f.lead.userId ?? '', revokedAt: null, revokedBy: null, revokedReason: null });
			record.event(issuedAt, f.lead, { kind: 'certificate-issued' });
			record.audit(issuedAt, f.lead, 'certificate.issued', 'certificate', id, { referralId: record.id });
		}
	}
	followUps(ctx, f, outcomeOn, when);
}

const AWAIT = { completed: 'await-next-follow-up-completed', partially_completed: 'await-next-follow-up-partially-completed', did_not_engage: 'await-next-follow-up-did-not-engage' } as const;

function followUps(ctx: CaseContext, f: Front, outcomeOn: string, when: Date): void {
	const { r, now, service, school } = ctx;
	const record = f.record;
	const fate = f.fate as keyof typeof AWAIT;
	const schedule = followUpSchedule(outcomeOn, { followUpMonths: 6, chaseWorkingDays: 10, notReturnedWorkingDays: 30, twelveMonths: service.twelveMonths }, service.holidays);
	const scheduledAt = at(when, 15 * 60_000);
	if (scheduledAt > now) return;
	const rows = schedule.map((s) => ({ id: r.id(), referralId: record.id, serviceId: service.id, schoolId: school.id, months: s.months, dueOn: s.dueOn, dueAt: s.dueAt, promptedAt: null as Date | null, chaseAt: s.chaseAt, chasedAt: null as Date | null, closeAt: s.closeAt, notReturnedAt: null as Date | null, recordedAt: null as Date | null, version: 1 }));
	record.followUps.push(...rows);
	record.audit(scheduledAt, SYSTEM, 'follow-up.scheduled', 'referral', record.id, { months: rows.map((x) => x.months).join(',') });
	const dsl: Who = { userId: school.users.dsl, role: 'dsl', address: '10.0.0.1' };
	for (const [i, row] of rows.entries()) {
		if (row.dueAt > now) return;
		row.promptedAt = row.dueAt;
		record.move(row.dueAt, SYSTEM, 'follow-up-due', 'follow_up_due');
		const returnedAt = r.chance(0.72) ? addWorkingDays(row.dueAt, r.int(1, 25), service.holidays) : null;
		if (row.chaseAt && (!returnedAt || returnedAt > row.chaseAt) && row.chaseAt <= now) row.chasedAt = row.chaseAt;
		const settledAt = returnedAt ?? row.closeAt;
		if (settledAt > now) return;
		const last = i === rows.length - 1;
		if (returnedAt) {
			const yn = (p: number) => (r.chance(p) ? 'yes' : r.chance(0.9) ? 'no' : 'not_known');
			const suspension = yn(0.08);
			const exclusion = yn(0.02);
			Object.assign(row, { furtherDrugIncident: yn(0.12), suspension, suspensionDrugRelated: suspension === 'yes' ? yn(0.5) : null, exclusion, exclusionDrugRelated: exclusion === 'yes' ? yn(0.5) : null, policeContact: yn(0.06), onwardTakeUp: null, recordedAt: returnedAt, recordedBy: dsl.userId, recordedByRole: 'dsl', version: 2 });
			record.event(returnedAt, dsl, { kind: 'follow-up', section: String(row.months), toState: 'recorded', schoolVisible: true });
			record.audit(returnedAt, dsl, 'follow-up.recorded', 'follow_up', row.id, { months: row.months });
			record.move(returnedAt, dsl, last ? 'record-follow-up' : AWAIT[fate], last ? 'closed' : fate);
		} else {
			Object.assign(row, { notReturnedAt: row.closeAt, version: 2 });
			record.move(row.closeAt, SYSTEM, last ? 'follow-up-not-returned' : AWAIT[fate], last ? 'closed' : fate);
		}
	}
}
