import { nameKey, displayNameOf } from '../referrals/names';
import { SECTION_KEYS } from '$lib/schemas/referral/sections';
import { addWorkingDays, isoDate, toLondon } from '../time/working-days';
import { CaseRecord, SYSTEM, type Who } from './case-record';
import { makeAnswers, makePupil } from './people';
import { youthWorker, type CaseContext } from './context';
import { countersign, escalate, fallback } from './case-safeguarding';

/**
 * The first half of a case (DOMAIN.md §3 steps 1–5): draft, submission with consents and the triage
 * timer, triage with its round, escalations and countersignatures, assessment. Each step happens only
 * if its time is not after `now`, so recent cases stop part-way and every state is represented.
 */
export type Fate = 'completed' | 'partially_completed' | 'did_not_engage' | 'withdrawn';

export interface Front {
	record: CaseRecord;
	/** When the programme started (assessment completed), or null if the case never got there by now. */
	programmeFrom: Date | null;
	fate: Fate;
	oneToOne: boolean;
	lead: Who;
}

const MIN = 60_000;
const DAY = 86_400_000;
const at = (d: Date, ms: number) => new Date(d.getTime() + ms);
export const londonIso = (d: Date) => isoDate(toLondon(d));
const AGENCIES = { mash: 40, police: 18, camhs: 14, yot: 8, 'early-help': 9, 'substance-service': 6, gp: 3, 'social-worker': 2 } as const;

export function caseFront(ctx: CaseContext, submittedAt: Date, draftOnly: boolean): Front {
	const { r, faker, now, service, school } = ctx;
	const dsl: Who = { userId: school.users.deputy && r.chance(0.3) ? school.users.deputy : school.users.dsl, role: 'dsl', address: '10.0.0.1' };
	const createdAt = at(submittedAt, -r.int(20, 4 * 24 * 60) * MIN);
	const incidentOn = londonIso(at(createdAt, -r.int(0, 6) * DAY));
	const decidedOn = londonIso(at(createdAt, -r.int(0, 1) * DAY));
	const pupil = makePupil(r, faker, school.college, incidentOn);
	const answers = makeAnswers(r, faker, pupil, incidentOn, decidedOn);
	const id = r.id();
	const record = new CaseRecord({
		id,
		serviceId: service.id,
		schoolId: school.id,
		state: 'draft',
		version: 1,
		createdAt,
		createdBy: dsl.userId ?? '',
		updatedAt: createdAt,
		displayName: displayNameOf(pupil.forename, pupil.surname, pupil.preferredName),
		forenameKey: nameKey(pupil.forename),
		surnameKey: nameKey(pupil.surname),
		dateOfBirth: `${pupil.dob.year}-${String(pupil.dob.month).padStart(2, '0')}-${String(pupil.dob.day).padStart(2, '0')}`,
		upn: pupil.upn,
		yearGroup: pupil.yearGroup,
		sex: pupil.sex,
		ethnicity: pupil.ethnicity,
		sen: pupil.sen,
		fsm: pupil.fsm,
		lookedAfter: pupil.lookedAfter,
		socialWorker: pupil.socialWorker,
		incidentDate: incidentOn,
		decision: answers.decision,
		reviewFlag: false,
		childProtection: false,
		legalHold: false
	});
	record.event(createdAt, dsl, { kind: 'created' });
	record.audit(createdAt, dsl, 'referral.created', 'referral', id);
	const sectionsDone = draftOnly ? r.int(1, SECTION_KEYS.length) : SECTION_KEYS.length;
	for (const [i, key] of SECTION_KEYS.entries()) {
		if (i >= sectionsDone) break;
		const saved = at(createdAt, (i + 1) * r.int(1, 6) * MIN);
		record.sections.push({ referralId: id, serviceId: service.id, schoolId: school.id, section: key, data: JSON.stringify(answers.sections[key]), complete: true, version: 1, updatedAt: saved, updatedBy: dsl.userId ?? '', auditedSessionId: null });
		record.event(saved, dsl, { kind: 'edited', section: key, schoolVisible: true });
	}
	const fate: Fate = r.weighted({ completed: 70, partially_completed: 12, did_not_engage: 12, withdrawn: 6 });
	const front: Front = { record, programmeFrom: null, fate, oneToOne: r.chance(0.12), lead: youthWorker(ctx) };
	if (draftOnly || submittedAt > now) return front;

	// Submission (submitReferral): consents as recorded, the triage timer of one working day.
	record.move(submittedAt, dsl, 'submit', 'submitted', null, { submittedAt, submittedBy: dsl.userId });
	const c = answers.consents;
	const consent = (kind: string, given: boolean, givenBy: string | null) =>
		record.consents.push({ id: r.id(), referralId: id, serviceId: service.id, schoolId: school.id, kind, given, givenBy, method: given ? (kind === 'young_person' ? 'in_person' : 'phone') : null, givenOn: given ? c.givenOn : null, version: 1 });
	consent('parent', c.parent === 'yes', c.parent === 'yes' ? 'parent' : null);
	consent('young_person', c.youngPerson, 'young_person');
	consent('share_progress', c.shareProgress, c.shareProgress ? 'parent' : null);
	consent('evaluation', c.evaluation, c.evaluation ? 'parent' : null);
	const triageTimer = record.timer(r.id(), 'triage', submittedAt, addWorkingDays(submittedAt, 1, service.holidays));

	if (r.chance(0.01)) {
		const withdrawnAt = at(submittedAt, r.int(30, 600) * MIN);
		if (withdrawnAt > now) return front;
		record.move(withdrawnAt, dsl, 'withdraw', 'withdrawn', 'The family moved away', { withdrawnReason: 'The family moved away' });
		record.stopTimers(withdrawnAt);
		closeLater(ctx, record, withdrawnAt);
		return front;
	}

	// Triage (DOMAIN.md §3 step 3): most within the working day, some late.
	const lead = front.lead;
	const late = r.chance(0.07);
	const due = triageTimer.dueAt;
	const startedAt = late ? at(due, r.int(10, 2000) * MIN) : at(submittedAt, Math.min(r.int(15, 600) * MIN, Math.max(MIN, due.getTime() - submittedAt.getTime() - 30 * MIN)));
	if (startedAt > now) return front;
	record.move(startedAt, lead, 'start-triage', 'in_triage', null, { triageStartedAt: startedAt });
	record.audit(startedAt, lead, 'triage.viewed', 'referral', id);
	const decidedAt = at(startedAt, r.int(10, 25) * MIN);
	const decision = r.weighted({ accept: 75, 'accept-with-escalation': 8, hold: 9, 'not-suitable': 8 });
	const agencies = decision === 'accept-with-escalation' || decision === 'hold' ? [r.weighted(AGENCIES), ...(r.chance(0.25) ? [r.weighted(AGENCIES)] : [])].filter((v, i, a) => a.indexOf(v) === i) : [];
	const declined = decision === 'accept' && r.chance(0.03) ? r.pick(['early-help', 'substance-service', 'gp'] as const) : null;
	const levelOfNeed = agencies.length ? r.int(3, 4) : r.weighted({ '1': 40, '2': 45, '3': 15 }) === '1' ? 1 : r.int(2, 3);
	const rag = levelOfNeed >= 4 ? 'red' : levelOfNeed === 3 ? 'amber' : 'green';
	const triageRow = {
		id: r.id(),
		referralId: id,
		serviceId: service.id,
		schoolId: school.id,
		round: 1,
		answers: JSON.stringify({ medicalEmergency: { answer: 'no', note: '' }, abuseDisclosure: { answer: agencies.includes('mash') ? 'yes' : 'no', note: '' }, supplySigns: { answer: 'no', note: '' }, mentalHealth: { answer: agencies.includes('camhs') ? 'yes' : 'no', note: '' } }),
		levelOfNeed,
		rag,
		requiredEscalations: JSON.stringify(declined ? [...agencies, declined] : agencies),
		suggestedRag: rag,
		leadYouthWorkerId: decision === 'not-suitable' ? null : lead.userId,
		decision: null as string | null,
		notSuitableReason: null as string | null,
		redirectedTo: null as string | null,
		decidedAt: null as Date | null,
		decidedBy: null as string | null,
		version: 1,
		createdAt: startedAt,
		createdBy: lead.userId ?? '',
		updatedAt: startedAt
	};
	record.triage.push(triageRow);
	if (decidedAt > now) return front;
	Object.assign(triageRow, { decision, decidedAt, decidedBy: lead.userId, version: 2, updatedAt: decidedAt });
	triageTimer.metAt = decidedAt;
	const to = decision === 'hold' ? 'on_hold' : decision === 'not-suitable' ? 'not_suitable' : 'accepted';
	const transition = decision === 'hold' ? 'hold' : decision === 'not-suitable' ? 'not-suitable' : 'accept';
	const reason = decision === 'hold' ? 'Waiting for the escalation to be answered' : decision === 'not-suitable' ? 'Needs a specialist service instead' : null;
	record.move(decidedAt, lead, transition, to, reason, { leadYouthWorkerId: triageRow.leadYouthWorkerId, moduleSetId: to === 'accepted' ? service.moduleSetId : null });
	record.audit(decidedAt, lead, 'triage.decided', 'triage', triageRow.id, { decision });
	if (agencies.includes('mash') && r.chance(0.3)) {
		record.referral.childProtection = true;
		record.event(decidedAt, lead, { kind: 'flag', section: 'child-protection', schoolVisible: false });
	}
	if (declined) countersign(ctx, record, lead, decidedAt, 'declined-escalation', declined);
	if (decision === 'not-suitable') {
		Object.assign(triageRow, { notSuitableReason: 'Needs a specialist service instead', redirectedTo: 'Specialist young people’s substance service' });
		countersign(ctx, record, lead, decidedAt, 'not-suitable', null);
	}
	let answeredBy = decidedAt;
	for (const agency of agencies) answeredBy = new Date(Math.max(answeredBy.getTime(), escalate(ctx, record, lead, decidedAt, agency).getTime()));
	if (decision === 'not-suitable') {
		fallback(ctx, record, dsl, at(decidedAt, r.int(1, 5) * DAY));
		closeLater(ctx, record, decidedAt);
		return front;
	}
	let acceptedAt = decidedAt;
	if (decision === 'hold') {
		if (answeredBy > now) return front;
		acceptedAt = answeredBy;
		record.move(acceptedAt, SYSTEM, 'release-hold', 'accepted', 'Every escalation has its answer', { moduleSetId: service.moduleSetId });
	}
	return assessment(ctx, front, acceptedAt);
}

function assessment(ctx: CaseContext, front: Front, acceptedAt: Date): Front {
	const { r, now, service } = ctx;
	const record = front.record;
	if (front.fate === 'withdrawn' && r.chance(0.5)) {
		withdraw(ctx, front, at(acceptedAt, r.int(1, 10) * DAY));
		return front;
	}
	const startedAt = addWorkingDays(at(acceptedAt, r.int(1, 6) * DAY), 0, service.holidays);
	if (startedAt > now) return front;
	record.move(startedAt, front.lead, 'start-assessment', 'in_assessment');
	record.assessment = {
		id: r.id(),
		referralId: record.id,
		serviceId: service.id,
		schoolId: ctx.school.id,
		answers: JSON.stringify({ substanceUse: 'Occasional use with friends at weekends', education: 'Attendance is good; wants to stay at school', family: 'Lives with mum and a younger sibling', health: 'No concerns raised' }),
		riskSummary: 'Low risk; no safeguarding concerns beyond the incident',
		suitability: front.oneToOne ? 'one_to_one' : 'group',
		plannedOnwardReferrals: null,
		newRisks: false,
		newRisksNote: null,
		completedAt: null,
		completedBy: null,
		version: 1,
		createdAt: startedAt,
		createdBy: front.lead.userId ?? '',
		updatedAt: startedAt,
		updatedBy: front.lead.userId ?? ''
	};
	const completedAt = at(startedAt, r.int(0, 5) * DAY + r.int(30, 120) * MIN);
	if (completedAt > now) return front;
	Object.assign(record.assessment, { completedAt, completedBy: front.lead.userId, version: 2, updatedAt: completedAt });
	for (let g = 1; g <= r.int(1, 3); g++) {
		record.goals.push({ id: r.id(), referralId: record.id, serviceId: service.id, schoolId: ctx.school.id, position: g, text: r.pick(['Stay in school', 'Know the risks of what I use', 'Spend more time on football', 'Keep away from people who sell', 'Talk to mum when things are hard']), achievement: null, ratedAt: null, ratedBy: null });
	}
	record.event(completedAt, front.lead, { kind: 'assessment', section: 'completed', schoolVisible: true });
	record.audit(completedAt, front.lead, 'assessment.completed', 'assessment', record.assessment.id);
	record.move(completedAt, front.lead, 'start-programme', 'in_programme');
	front.programmeFrom = completedAt;
	return front;
}

export function withdraw(ctx: CaseContext, front: Front, when: Date): void {
	if (when > ctx.now) return;
	front.record.move(when, front.lead, 'withdraw', 'withdrawn', 'The young person no longer wants to take part', { withdrawnReason: 'The young person no longer wants to take part' });
	front.record.stopTimers(when);
	fallback(ctx, front.record, { userId: ctx.school.users.dsl, role: 'dsl', address: '10.0.0.1' }, at(when, ctx.r.int(1, 5) * DAY));
	closeLater(ctx, front.record, when);
}

/** A withdrawn or not-suitable case is closed by a youth worker a few weeks later. */
function closeLater(ctx: CaseContext, record: CaseRecord, from: Date): void {
	const when = at(from, ctx.r.int(7, 30) * DAY);
	if (when <= ctx.now) record.move(when, youthWorker(ctx), 'close', 'closed');
}
