import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '$lib/server/auth/actor';
import { db, t } from '$lib/server/db';
import { viewCase } from '$lib/server/referrals/case-view';
import { decideMatch } from '$lib/server/referrals/matching';
import { submitReferral } from '$lib/server/referrals/submit';
import { triageSummaryFor } from '$lib/server/triage/summary';
import { decideTriage, saveTriageAnswers, triageForEdit } from '$lib/server/triage/triage';
import type { StoredAnswers, TriageDecisionInput } from '$lib/schemas/triage';
import { INDICATOR_KEYS, isFollowUp, type IndicatorKey } from '$lib/triage-indicators';
import { useTestDatabase } from '../helpers/database';
import { completeDraft, saveAnswers, validAnswers } from '../helpers/referral';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

const dsl = () => world.services[0].schools[0].actors.dsl;
const otherSchoolDsl = () => world.services[0].schools[1].actors.dsl;
const yw = () => world.services[0].actors.youth_worker;
const admin = () => world.services[0].actors.provider_admin;
const otherServiceYw = () => world.services[1].actors.youth_worker;
const PUPIL_DETAILS = /Testy|Pupilson|cannabis|Science block|Test School|2012/;

const caseRow = async (id: string) => (await db().select().from(t.referral).where(eq(t.referral.id, id)))[0];

async function submitted(actor: Actor = dsl(), overrides: Parameters<typeof completeDraft>[1] = {}): Promise<string> {
	const id = await completeDraft(actor, overrides);
	const result = await submitReferral(actor, id, (await caseRow(id))?.version ?? 0);
	if (!result.ok) throw new Error(`could not submit: ${result.problem}`);
	return id;
}

/** Every indicator answered no (follow-ups left unanswered), with the given answers on top. */
function answers(given: Partial<Record<IndicatorKey, 'yes' | 'no' | 'unknown'>> = {}, notes: Partial<Record<IndicatorKey, string>> = {}): StoredAnswers {
	return Object.fromEntries(INDICATOR_KEYS.map((k) => [k, { answer: given[k] ?? (isFollowUp(k) ? '' : 'no'), note: notes[k] ?? '' }]));
}

function decision(overrides: Partial<TriageDecisionInput> = {}): TriageDecisionInput {
	return {
		answers: answers(),
		levelOfNeed: 1,
		rag: 'green',
		leadYouthWorkerId: yw().userId,
		decision: 'accept',
		holdReason: '',
		notSuitableReason: '',
		redirectedTo: '',
		escalations: {},
		...overrides
	};
}

describe('starting triage', () => {
	it('moves the case into triage on the first saved answer, meets the triage timer and stops school corrections', async () => {
		const id = await submitted();
		const saved = await saveTriageAnswers(yw(), id, { medicalEmergency: { answer: 'no', note: '' } }, 0);
		expect(saved).toEqual({ ok: true, version: 1 });
		const row = await caseRow(id);
		expect(row?.state).toBe('in_triage');
		expect(row?.triageStartedAt).toBeInstanceOf(Date);
		const [timer] = await db().select().from(t.caseTimer).where(and(eq(t.caseTimer.referralId, id), eq(t.caseTimer.kind, 'triage')));
		expect(timer?.metAt).toBeInstanceOf(Date);
		const correction = await saveAnswers(dsl(), id, 'pupil', validAnswers().pupil);
		expect(correction).toEqual({ ok: false, problem: 'not-editable' });
		const view = await viewCase(dsl(), id);
		expect(view?.editable).toBe(false);
		expect(view?.chronology.map((e) => e.what)).toContain('Submitted → In triage');
	});

	it('keeps the answers of later saves in the same round, without moving the case again', async () => {
		const id = await submitted();
		await saveTriageAnswers(yw(), id, { homeConcerns: { answer: 'unknown', note: 'Ask the school nurse' } }, 0);
		const second = await saveTriageAnswers(yw(), id, { homeConcerns: { answer: 'yes', note: 'Neglect confirmed' } }, 1);
		expect(second).toEqual({ ok: true, version: 2 });
		const rounds = await db().select().from(t.triage).where(eq(t.triage.referralId, id));
		expect(rounds.map((r) => r.round)).toEqual([1]);
		expect(JSON.parse(rounds[0]?.answers ?? '{}').homeConcerns).toEqual({ answer: 'yes', note: 'Neglect confirmed' });
	});

	it('refuses a stale save and returns the other person’s answers, keeping them', async () => {
		const id = await submitted();
		await saveTriageAnswers(yw(), id, { supplySigns: { answer: 'yes', note: 'Scales found' } }, 0);
		const stale = await saveTriageAnswers(yw(), id, { supplySigns: { answer: 'no', note: '' } }, 0);
		expect(stale).toEqual({ ok: false, problem: 'stale', current: { supplySigns: { answer: 'yes', note: 'Scales found' } }, version: 1 });
		const [round] = await db().select().from(t.triage).where(eq(t.triage.referralId, id));
		expect(JSON.parse(round?.answers ?? '{}').supplySigns.note).toBe('Scales found');
	});

	it('refuses a note longer than 1,000 characters', async () => {
		const id = await submitted();
		const result = await saveTriageAnswers(yw(), id, { homeConcerns: { answer: 'no', note: 'x'.repeat(1001) } }, 0);
		expect(result).toEqual({ ok: false, problem: 'invalid', errors: { homeConcernsNote: 'The note must be 1,000 characters or fewer' } });
	});

	it('pre-answers the repeat-incident indicator yes when the young person was referred before, and no otherwise', async () => {
		const first = await submitted();
		const second = await submitted();
		const [proposal] = await db().select().from(t.matchProposal).where(eq(t.matchProposal.referralId, second));
		expect(proposal).toBeDefined();
		expect(await decideMatch(yw(), proposal?.id ?? '', 'confirm')).toBe(true);
		expect((await triageForEdit(yw(), second))?.initial.repeatIncident).toBe('yes');
		expect((await triageForEdit(yw(), second))?.earlierReferral).toBe(true);
		expect((await triageForEdit(yw(), first))?.initial.repeatIncident).toBe('no');
	});

	it('pre-answers from the referral: the school’s safety check yes answers and a looked-after child', async () => {
		const id = await submitted(dsl(), {
			safety: { supplySigns: 'yes', actionTaken: 'Called the police' },
			pupil: { lookedAfter: 'yes' }
		});
		const view = await triageForEdit(yw(), id);
		expect(view?.initial.supplySigns).toBe('yes');
		expect(view?.initial.medicalEmergency).toBe('');
		expect(view?.initial.lookedAfterOrSocialWorker).toBe('yes');
		expect(view?.prefilled).toEqual(['supplySigns']);
		expect(view?.initial.rag).toBe('red');
	});

	it('writes an audit row when the triage form is opened', async () => {
		const id = await submitted();
		await triageForEdit(yw(), id);
		const rows = await db().select().from(t.auditEvent).where(and(eq(t.auditEvent.recordId, id), eq(t.auditEvent.action, 'triage.viewed')));
		expect(rows).toHaveLength(1);
	});
});

describe('deciding', () => {
	it('accepts a case with nothing required, straight from submitted', async () => {
		const id = await submitted();
		const result = await decideTriage(yw(), id, decision(), 0);
		expect(result).toEqual({ ok: true, state: 'accepted' });
		const row = await caseRow(id);
		expect(row?.leadYouthWorkerId).toBe(yw().userId);
		expect(row?.triageStartedAt).toBeInstanceOf(Date);
		expect(row?.childProtection).toBe(false);
		const [round] = await db().select().from(t.triage).where(eq(t.triage.referralId, id));
		expect(round).toMatchObject({ decision: 'accept', levelOfNeed: 1, rag: 'green', suggestedRag: 'green', requiredEscalations: '[]', decidedBy: yw().userId });
	});

	it('accepts with an escalation running alongside', async () => {
		const id = await submitted();
		const result = await decideTriage(
			yw(),
			id,
			decision({ answers: answers({ homeConcerns: 'yes' }), levelOfNeed: 2, rag: 'red', decision: 'accept-with-escalation', escalations: { mash: { choice: 'escalate', rationale: '' } } }),
			0
		);
		expect(result).toEqual({ ok: true, state: 'accepted' });
		const [round] = await db().select().from(t.triage).where(eq(t.triage.referralId, id));
		expect(JSON.parse(round?.requiredEscalations ?? '[]')).toEqual([{ agency: 'mash', choice: 'escalate', countersignId: null }]);
		expect(await db().select().from(t.countersign).where(eq(t.countersign.referralId, id))).toEqual([]);
	});

	it('refuses a plain accept when the youth worker will escalate', async () => {
		const id = await submitted();
		const result = await decideTriage(yw(), id, decision({ answers: answers({ homeConcerns: 'yes' }), escalations: { mash: { choice: 'escalate', rationale: '' } } }), 0);
		expect(result).toMatchObject({ ok: false, problem: 'invalid', errors: { decision: expect.stringContaining('Accept, with an escalation running alongside') } });
	});

	it('holds a case with its reason in the chronology', async () => {
		const id = await submitted();
		const result = await decideTriage(
			yw(),
			id,
			decision({ answers: answers({ abuseDisclosure: 'yes' }), levelOfNeed: 2, rag: 'red', decision: 'hold', holdReason: 'Waiting for the MASH decision', escalations: { mash: { choice: 'escalate', rationale: '' } } }),
			0
		);
		expect(result).toEqual({ ok: true, state: 'on_hold' });
		const view = await viewCase(yw(), id);
		expect(view?.chronology.at(-1)).toMatchObject({ what: 'In triage → On hold', reason: 'Waiting for the MASH decision' });
	});

	it('refuses a hold without a reason', async () => {
		const id = await submitted();
		const result = await decideTriage(yw(), id, decision({ decision: 'hold' }), 0);
		expect(result).toEqual({ ok: false, problem: 'invalid', errors: { holdReason: 'Enter why the case is on hold and what it is waiting for' } });
		expect((await caseRow(id))?.state).toBe('submitted');
	});

	it('decides not suitable with reason and redirection, asks for a countersignature and emails the school without details', async () => {
		const id = await submitted();
		const before = await db().select().from(t.outbox);
		const result = await decideTriage(
			yw(),
			id,
			decision({
				answers: answers({ supplySigns: 'yes' }),
				levelOfNeed: 2,
				rag: 'red',
				decision: 'not-suitable',
				notSuitableReason: 'Supply, not simple possession',
				redirectedTo: 'Police and YOT',
				escalations: { police: { choice: 'escalate', rationale: '' }, mash: { choice: 'escalate', rationale: '' } }
			}),
			0
		);
		expect(result).toEqual({ ok: true, state: 'not_suitable' });
		const countersigns = await db().select().from(t.countersign).where(eq(t.countersign.referralId, id));
		expect(countersigns.map((c) => [c.kind, c.agency, c.rationale])).toEqual([['not-suitable', null, 'Supply, not simple possession']]);
		const sent = (await db().select().from(t.outbox)).filter((row) => !before.some((b) => b.id === row.id));
		const mails = sent.map((row) => JSON.parse(row.payload) as { to: string; subject: string; text: string });
		const toSchool = mails.filter((m) => m.to.endsWith('.1.1@test.example'));
		// One email each, though the case went submitted → in triage → not suitable in one step.
		expect(toSchool.map((m) => m.to).sort()).toEqual(['deputy_dsl.1.1@test.example', 'dsl.1.1@test.example']);
		for (const mail of mails) {
			expect(`${mail.subject} ${mail.text}`).not.toMatch(PUPIL_DETAILS);
			expect(mail.text).not.toContain('Supply, not simple possession');
			expect(mail.text).not.toContain('Police and YOT');
		}
	});

	it('refuses not suitable without a reason or a redirection', async () => {
		const id = await submitted();
		const result = await decideTriage(yw(), id, decision({ decision: 'not-suitable' }), 0);
		expect(result).toEqual({
			ok: false,
			problem: 'invalid',
			errors: { notSuitableReason: 'Enter why diversion is not suitable', redirectedTo: 'Enter where the young person was redirected' }
		});
	});

	it('refuses a decision while an indicator is unanswered, a level of need, rating or lead is missing', async () => {
		const id = await submitted();
		const partial = answers();
		delete partial.repeatIncident;
		const result = await decideTriage(yw(), id, decision({ answers: partial, levelOfNeed: null, rag: '', leadYouthWorkerId: otherServiceYw().userId, decision: '' }), 0);
		expect(result).toEqual({
			ok: false,
			problem: 'invalid',
			errors: {
				repeatIncident: 'Answer “Is this a repeat drug incident after diversion?”: yes, no or not known',
				levelOfNeed: 'Select the level of need',
				rag: 'Select a RAG rating',
				leadYouthWorkerId: 'Select the lead youth worker',
				decision: 'Select a decision'
			}
		});
	});

	it('asks for the follow-up when the indicator it follows is yes', async () => {
		const id = await submitted();
		const result = await decideTriage(yw(), id, decision({ answers: answers({ criminalExploitation: 'yes' }), escalations: { mash: { choice: 'escalate', rationale: '' } }, decision: 'accept-with-escalation' }), 0);
		expect(result).toEqual({ ok: false, problem: 'invalid', errors: { exploitationImmediate: 'Answer “Is the risk from exploitation immediate?”: yes, no or not known' } });
	});

	it('requires a choice for every required escalation, including one the referral’s facts require', async () => {
		const id = await submitted(dsl(), { pupil: { socialWorker: 'cin' } });
		const result = await decideTriage(yw(), id, decision({ answers: answers({ substanceDependence: 'yes' }) }), 0);
		expect(result).toEqual({
			ok: false,
			problem: 'invalid',
			errors: {
				escalation_gp: 'Select whether you will escalate to GP',
				'escalation_substance-service': 'Select whether you will escalate to Specialist young people’s substance service',
				'escalation_social-worker': 'Select whether you will escalate to The child’s existing social worker (and the Virtual School Head for a looked-after child)'
			}
		});
	});

	it('refuses a declined required escalation without a rationale', async () => {
		const id = await submitted();
		const result = await decideTriage(yw(), id, decision({ answers: answers({ homeConcerns: 'yes' }), escalations: { mash: { choice: 'decline', rationale: '  ' } } }), 0);
		expect(result).toEqual({ ok: false, problem: 'invalid', errors: { rationale_mash: 'Give your rationale for not escalating to MASH (children’s social care front door)' } });
		expect(await db().select().from(t.countersign).where(eq(t.countersign.referralId, id))).toEqual([]);
		expect((await caseRow(id))?.state).toBe('submitted');
	});

	it('refuses a stale decision and keeps the other person’s answers', async () => {
		const id = await submitted();
		await saveTriageAnswers(yw(), id, answers({ homeConcerns: 'unknown' }, { homeConcerns: 'Other worker’s note' }), 0);
		const result = await decideTriage(yw(), id, decision(), 0);
		expect(result).toMatchObject({ ok: false, problem: 'stale', version: 1, current: { homeConcerns: { answer: 'unknown', note: 'Other worker’s note' } } });
		expect((await caseRow(id))?.state).toBe('in_triage');
	});

	it('marks the case as touching child protection for level of need 3 or 4, not 1 or 2', async () => {
		for (const [level, expected] of [
			[1, false],
			[2, false],
			[3, true],
			[4, true]
		] as const) {
			const id = await submitted();
			expect(await decideTriage(yw(), id, decision({ levelOfNeed: level }), 0)).toEqual({ ok: true, state: 'accepted' });
			expect((await caseRow(id))?.childProtection).toBe(expected);
		}
	});

	it('refuses a level of need outside 1 to 4', async () => {
		const id = await submitted();
		expect(await decideTriage(yw(), id, decision({ levelOfNeed: 5 }), 0)).toEqual({ ok: false, problem: 'invalid', errors: { levelOfNeed: 'Select the level of need' } });
	});

	it('writes audit rows with codes only, never the reasons or notes', async () => {
		const id = await submitted();
		await decideTriage(
			yw(),
			id,
			decision({
				answers: answers({ homeConcerns: 'yes' }, { homeConcerns: 'A private note about home' }),
				levelOfNeed: 3,
				rag: 'red',
				decision: 'not-suitable',
				notSuitableReason: 'A private reason',
				redirectedTo: 'Somewhere private',
				escalations: { mash: { choice: 'decline', rationale: 'A private rationale' } }
			}),
			0
		);
		const rows = await db().select().from(t.auditEvent).where(eq(t.auditEvent.recordId, id));
		expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['referral.not-suitable', 'triage.escalation-declined', 'triage.decided', 'referral.child-protection-marked']));
		expect(JSON.stringify(rows)).not.toMatch(/private/);
	});
});

describe('who sees what', () => {
	it('gives another service’s youth worker, a DSL and an admin “not found” for the triage form and its commands', async () => {
		const id = await submitted();
		for (const actor of [otherServiceYw(), dsl(), admin()]) {
			expect(await triageForEdit(actor, id)).toBeNull();
			expect(await saveTriageAnswers(actor, id, answers(), 0)).toEqual({ ok: false, problem: 'not-found' });
			expect(await decideTriage(actor, id, decision(), 0)).toEqual({ ok: false, problem: 'not-found' });
		}
		expect(await triageSummaryFor(otherServiceYw(), id)).toBeNull();
		expect(await triageSummaryFor(otherSchoolDsl(), id)).toBeNull();
		expect((await caseRow(id))?.state).toBe('submitted');
	});

	it('shows the DSL the not-suitable reason and redirection, never the triage notes or escalations', async () => {
		const id = await submitted();
		await decideTriage(
			yw(),
			id,
			decision({
				answers: answers({ homeConcerns: 'yes' }, { homeConcerns: 'Secret note about the family' }),
				levelOfNeed: 2,
				rag: 'red',
				decision: 'not-suitable',
				notSuitableReason: 'Needs a social care response first',
				redirectedTo: 'Early Help',
				escalations: { mash: { choice: 'decline', rationale: 'Secret rationale' } }
			}),
			0
		);
		const summary = await triageSummaryFor(dsl(), id);
		expect(summary).toEqual({
			for: 'school',
			referralId: id,
			notSuitable: { reason: 'Needs a social care response first', redirectedTo: 'Early Help' },
			schoolDecision: null,
			canRecordSchoolDecision: true
		});
		const view = await viewCase(dsl(), id);
		expect(JSON.stringify(view)).not.toMatch(/Secret/);
	});

	it('shows youth workers the decision, level, rating, required escalations and countersign status', async () => {
		const id = await submitted();
		await decideTriage(
			yw(),
			id,
			decision({
				answers: answers({ substanceDependence: 'yes' }),
				levelOfNeed: 2,
				rag: 'amber',
				decision: 'accept-with-escalation',
				escalations: { 'substance-service': { choice: 'escalate', rationale: '' }, gp: { choice: 'decline', rationale: 'Already seen by the GP this week' } }
			}),
			0
		);
		const summary = await triageSummaryFor(admin(), id);
		expect(summary).toMatchObject({
			for: 'service',
			status: 'decided',
			decision: 'accept-with-escalation',
			levelOfNeed: 2,
			rag: 'amber',
			suggestedRag: 'amber',
			leadYouthWorkerName: 'youth_worker 1',
			required: [
				{ agency: 'gp', choice: 'decline' },
				{ agency: 'substance-service', choice: 'escalate' }
			],
			reviewFlag: true,
			canTriage: false
		});
		expect(summary?.for === 'service' && summary.countersigns.map((c) => [c.kind, c.agency, c.countersignedAt])).toEqual([['declined-escalation', 'gp', null]]);
	});
});
