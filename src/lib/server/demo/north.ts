import type { Attendance } from '$lib/schemas/support-session';
import { addDays, at, dobFor, monthsBefore, weekdayAgo, weekdayOnOrAfter, weekdayOnOrBefore } from './clock';
import { finishCase, openCase, runSessions, todayOf, type CaseEnding, type CasePlan, type Crew } from './cases';
import { NOTHING_FURTHER, type FollowUpAnswer } from './follow-ups';
import { demoPupil } from './referrals';
import type { DemoWorld } from './seed';

/**
 * Current cases at Oakfield, Riverside and Castlegate (issue point 8), one in each step after triage:
 * a draft assessment, a group of two schools meeting in the coming days, a register taken, a review
 * after two absences, a completion with its certificate (and one revoked and issued again), a partial
 * completion and a non-engagement with the school's decision, and follow-ups due, chased, recorded and
 * not returned. None is left submitted or in triage: the triage queue's five referrals stay the only ones.
 */
const CENTRE = 'Northmoor Youth Centre (demo)';

function plan(school: string, yearGroup: string, submittedOn: string, extra: Partial<CasePlan> = {}): CasePlan {
	return {
		entry: { school, yearGroup, dob: dobFor(yearGroup, submittedOn) },
		pupil: demoPupil(),
		submittedOn,
		triage: { decision: 'accept' },
		assessedAfterDays: 5,
		...extra
	};
}

/** A case that ran its three weekly sessions and ended on `outcomeOn`, referred a month before. */
function ended(school: string, yearGroup: string, outcomeOn: string, ending: Omit<CaseEnding, 'on'>, extra: Partial<CasePlan> = {}): CasePlan {
	return plan(school, yearGroup, weekdayOnOrBefore(addDays(outcomeOn, -32)), { ...extra, ending: { ...ending, on: outcomeOn } });
}

function sessionsOf(p: CasePlan) {
	return [14, 21, 28].map((d, module) => ({ on: weekdayOnOrBefore(addDays(p.submittedOn, d)), time: '16:00', module, place: CENTRE }));
}

const readyAt = (p: CasePlan) => at(addDays(p.submittedOn, p.assessedAfterDays ?? 5), '12:00');
const full = (p: CasePlan) => `${p.pupil.forename} ${p.pupil.surname}`;

async function throughProgramme(world: DemoWorld, crew: Crew, p: CasePlan, marks: Attendance[], now: Date, answers: Map<string, FollowUpAnswer>): Promise<void> {
	const id = await openCase(world, crew, p, now);
	if (!id) return;
	await runSessions(crew, sessionsOf(p), [{ id, marks, readyAt: readyAt(p) }], now);
	const answer = await finishCase(crew, id, p, now);
	if (answer) answers.set(id, answer);
}

/** Seeds the current north cases; returns how many, and adds the follow-up answers to plan. */
export async function seedNorthCases(world: DemoWorld, crew: Crew, now: Date, answers: Map<string, FollowUpAnswer>): Promise<number> {
	const today = todayOf(now);
	const wk = (days: number) => weekdayAgo(now, days);
	const sixMonthsAgo = monthsBefore(today, 6);
	let made = 0;

	// In assessment: a draft saved three days ago.
	await openCase(world, crew, plan('oakfield', '10', wk(9), { assessedAfterDays: 6, draftOnly: true }), now);

	// In the programme: an Oakfield and a Riverside young person in a group session in the coming days.
	const oak = plan('oakfield', '9', wk(16));
	const river = plan('riverside', 'none', wk(16));
	const group = [];
	for (const p of [oak, river]) {
		const id = await openCase(world, crew, p, now);
		if (id) group.push({ id, marks: [], readyAt: readyAt(p) });
	}
	await runSessions(crew, [{ on: weekdayOnOrAfter(addDays(today, 3)), time: '16:00', module: 0, place: CENTRE }], group, now);

	// A past session with its register taken; the Castlegate pupil missed it and a 1:1 since: for review.
	const present = plan('oakfield', '11', wk(22));
	const missing = plan('castlegate', '10', wk(22));
	const pair = [];
	for (const [p, marks] of [[present, ['present']], [missing, ['absent', 'absent']]] as const) {
		const id = await openCase(world, crew, p, now);
		if (id) pair.push({ id, marks: [...marks], readyAt: readyAt(p) });
	}
	await runSessions(crew, [{ on: wk(10), time: '16:00', module: 0, place: CENTRE }], pair, now);
	const [, reviewCase] = pair;
	if (reviewCase) await runSessions(crew, [{ on: wk(4), time: '15:30', module: 1, place: 'Castlegate School, meeting room (demo)', kind: 'one_to_one' }], [reviewCase], now);
	made += 5;

	const completed = ended('oakfield', '10', wk(25), { outcome: 'completed', ratings: ['achieved', 'achieved'] }, { onward: { toService: 'Young people’s substance service (demo)', afterDays: 10, accepted: 'yes', takenUp: 'yes' } });
	if (completed.ending) completed.ending.certificate = full(completed);
	await throughProgramme(world, crew, completed, ['present', 'late', 'present'], now, answers);

	const revoked = ended('riverside', 'none', wk(20), { outcome: 'completed', ratings: ['achieved', 'partly'] });
	const misspelt = `${revoked.pupil.forename} ${revoked.pupil.surname.slice(0, -1)}`;
	if (revoked.ending) {
		revoked.ending.certificate = misspelt;
		revoked.ending.revokeAndReissue = { afterDays: 2, reason: 'The surname was misspelt; issued again with the right spelling (demo).', name: full(revoked) };
	}
	await throughProgramme(world, crew, revoked, ['present', 'present', 'present'], now, answers);

	const partial = ended('castlegate', '9', wk(15), {
		outcome: 'partially_completed',
		ratings: ['partly', 'not'],
		fallback: { decision: 'no_further_sanction', days: null, note: 'Mentoring with the head of year instead (demo).', afterDays: 4 }
	}, { onward: { toService: 'Early Help (demo)', afterDays: 12, accepted: 'yes', takenUp: 'not_known' } });
	await throughProgramme(world, crew, partial, ['present', 'present', 'absent'], now, answers);

	const notEngaged = ended('riverside', 'none', wk(12), {
		outcome: 'did_not_engage',
		ratings: ['not'],
		closeReview: 'Missed both sessions and did not answer calls or texts (demo).',
		fallback: { decision: 'suspension', days: 2, note: 'Two days’ suspension once the programme was closed (demo).', afterDays: 3 }
	});
	await throughProgramme(world, crew, notEngaged, ['absent', 'absent', 'absent'], now, answers);

	// Follow-ups at six months: due now, chased, recorded, not returned.
	const due = ended('riverside', 'none', weekdayOnOrBefore(addDays(sixMonthsAgo, -3)), { outcome: 'completed', ratings: ['achieved'] });
	const chased = ended('castlegate', '11', weekdayOnOrBefore(addDays(sixMonthsAgo, -20)), { outcome: 'completed', ratings: ['achieved', 'achieved'] });
	const recorded = ended('oakfield', '9', weekdayOnOrBefore(addDays(sixMonthsAgo, -50)), { outcome: 'completed', ratings: ['achieved', 'achieved'] }, {
		onward: { toService: 'CAMHS (demo)', afterDays: 9, accepted: 'yes', takenUp: 'yes' },
		followUp: { afterDays: 8, answers: { ...NOTHING_FURTHER, onwardTakeUp: 'yes', note: 'Settled and attending well (demo).' } }
	});
	const notReturned = ended('castlegate', '10', weekdayOnOrBefore(addDays(sixMonthsAgo, -80)), {
		outcome: 'partially_completed',
		ratings: ['partly'],
		fallback: { decision: 'no_further_sanction', days: null, note: 'Kept in school with a support plan (demo).', afterDays: 5 }
	});
	for (const p of [due, chased, recorded]) {
		if (p.ending) p.ending.certificate = full(p);
		await throughProgramme(world, crew, p, ['present', 'present', 'late'], now, answers);
	}
	await throughProgramme(world, crew, notReturned, ['present', 'absent', 'present'], now, answers);
	return made + 8;
}
