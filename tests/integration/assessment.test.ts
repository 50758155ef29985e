import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentSchema, type AssessmentForm } from '$lib/schemas/assessment';
import { db, t } from '$lib/server/db';
import { saveAssessment } from '$lib/server/assessments/record';
import { assessmentForEdit, assessmentPanelFor } from '$lib/server/assessments/view';
import { viewCase } from '$lib/server/referrals/case-view';
import { decideTriage, saveTriageAnswers, triageForEdit } from '$lib/server/triage/triage';
import { acceptedCase, caseRow, noConcerns, submittedCase } from '../helpers/case';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

const s1 = () => world.services[0];
const yw = () => s1().actors.youth_worker;
const dsl = () => s1().schools[0].actors.dsl;

const SUBSTANCES = 'First tried cannabis at 13 with older cousins; vapes at weekends';
const FAMILY = 'Lives with mum and two sisters; dad drinks heavily';
const GOAL = 'Stop vaping before my GCSEs';
const RISK = 'Low risk; no signs of exploitation';

/** The assessment form as the page posts it: every field present, `values` filled in. */
function form(values: Partial<AssessmentForm> = {}): AssessmentForm {
	return assessmentSchema.parse({ version: 0, ...values });
}

function complete(values: Partial<AssessmentForm> = {}): AssessmentForm {
	return form({ substances: SUBSTANCES, family: FAMILY, goal1: GOAL, riskSummary: RISK, suitability: 'group', newRisks: 'no', ...values });
}

async function assessmentRow(referralId: string) {
	const [row] = await db().select().from(t.assessment).where(eq(t.assessment.referralId, referralId));
	return row;
}

async function goalsOf(referralId: string) {
	return db().select({ position: t.goal.position, text: t.goal.text }).from(t.goal).where(eq(t.goal.referralId, referralId)).orderBy(asc(t.goal.position));
}

async function auditActions(recordId: string) {
	const rows = await db().select().from(t.auditEvent).where(eq(t.auditEvent.recordId, recordId)).orderBy(asc(t.auditEvent.id));
	return rows.map((r) => r.action);
}

describe('recording the assessment', () => {
	it('starts the assessment on the first draft save: an accepted case moves to in assessment', async () => {
		const id = await acceptedCase(dsl(), yw());
		const result = await saveAssessment(yw(), id, form({ substances: SUBSTANCES }), 'draft');
		expect(result).toMatchObject({ ok: true, state: 'in_assessment', version: 1, outcome: 'draft' });
		expect((await caseRow(id)).state).toBe('in_assessment');
		expect((await assessmentRow(id))?.completedAt).toBeNull();
	});

	it('gives a draft back as typed, including a half-answered form and the “no new risks” answer', async () => {
		const id = await acceptedCase(dsl(), yw());
		await saveAssessment(yw(), id, form({ substances: SUBSTANCES, goal1: GOAL, goal2: 'Get back into football', newRisks: 'no' }), 'draft');
		const view = await assessmentForEdit(yw(), id);
		expect(view?.initial).toMatchObject({ version: 1, substances: SUBSTANCES, goal1: GOAL, goal2: 'Get back into football', goal3: '', newRisks: 'no', riskSummary: '', suitability: '' });
	});

	it('moves the case into the programme when completed with no new risks, keeping the goals in order', async () => {
		const id = await acceptedCase(dsl(), yw());
		const result = await saveAssessment(yw(), id, complete({ goal1: '', goal2: GOAL, goal4: 'Sleep before midnight' }), 'complete');
		expect(result).toMatchObject({ ok: true, state: 'in_programme', outcome: 'completed' });
		expect((await caseRow(id)).state).toBe('in_programme');
		expect(await goalsOf(id)).toEqual([
			{ position: 1, text: GOAL },
			{ position: 2, text: 'Sleep before midnight' }
		]);
		const row = await assessmentRow(id);
		expect(row).toMatchObject({ suitability: 'group', riskSummary: RISK, newRisks: false, completedBy: yw().userId });
		expect(row?.completedAt).toBeInstanceOf(Date);
		const transitions = await db().select().from(t.caseEvent).where(and(eq(t.caseEvent.referralId, id), eq(t.caseEvent.kind, 'transition'))).orderBy(asc(t.caseEvent.id));
		expect(transitions.map((e) => e.toState).slice(-2)).toEqual(['in_assessment', 'in_programme']);
	});

	it('refuses to complete without a substance history, a goal, a risk summary, group or 1:1, and the new-risks answer', async () => {
		const id = await acceptedCase(dsl(), yw());
		const result = await saveAssessment(yw(), id, form({ family: FAMILY }), 'complete');
		expect(result).toEqual({
			ok: false,
			problem: 'invalid',
			errors: {
				substances: 'Enter the young person’s substance history',
				goal1: 'Enter at least one goal, in the young person’s own words',
				riskSummary: 'Enter the risk summary',
				suitability: 'Select whether group or one-to-one sessions suit the young person',
				newRisks: 'Select yes if the assessment found new risks'
			}
		});
		expect((await caseRow(id)).state).toBe('accepted');
		expect(await assessmentRow(id)).toBeUndefined();
	});

	it('requires a note saying what the new risks are', async () => {
		const id = await acceptedCase(dsl(), yw());
		const result = await saveAssessment(yw(), id, complete({ newRisks: 'yes' }), 'complete');
		expect(result).toMatchObject({ ok: false, problem: 'invalid', errors: { newRisksNote: 'Enter what the new risks are: the case goes back to triage with this note' } });
	});

	it('refuses a goal longer than 500 characters and a domain answer longer than 5,000', () => {
		const parsed = assessmentSchema.safeParse({ version: 0, goal1: 'g'.repeat(501), money: 'm'.repeat(5001) });
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['money', 'Money and debt must be 5000 characters or fewer'],
			['goal1', 'Goal 1 must be 500 characters or fewer']
		]);
	});

	it('refuses a stale save, changes nothing, and hands back the other person’s answers', async () => {
		const id = await acceptedCase(dsl(), yw());
		await saveAssessment(yw(), id, form({ substances: 'Their version' }), 'draft');
		const stale = await saveAssessment(yw(), id, form({ version: 0, substances: 'My version' }), 'draft');
		expect(stale).toMatchObject({ ok: false, problem: 'stale', version: 1, theirs: { substances: 'Their version' } });
		expect((await assessmentForEdit(yw(), id))?.initial.substances).toBe('Their version');
		const onTop = await saveAssessment(yw(), id, form({ version: 1, substances: 'My version' }), 'draft');
		expect(onTop).toMatchObject({ ok: true, version: 2 });
	});

	it('refuses the assessment before the case is accepted', async () => {
		const id = await submittedCase(dsl());
		expect(await saveAssessment(yw(), id, form({ substances: SUBSTANCES }), 'draft')).toEqual({ ok: false, problem: 'not-assessable' });
	});

	it('lets a youth worker correct a completed assessment in the programme; a draft save is refused', async () => {
		const id = await acceptedCase(dsl(), yw());
		await saveAssessment(yw(), id, complete(), 'complete');
		const firstCompletedAt = (await assessmentRow(id))?.completedAt;
		expect(await saveAssessment(yw(), id, complete({ version: 1 }), 'draft')).toEqual({ ok: false, problem: 'completed-already' });
		const corrected = await saveAssessment(yw(), id, complete({ version: 1, suitability: 'one_to_one', goal2: 'Tell mum how I feel' }), 'complete');
		expect(corrected).toMatchObject({ ok: true, state: 'in_programme', outcome: 'corrected', version: 2 });
		expect((await assessmentRow(id))?.completedAt).toEqual(firstCompletedAt);
		expect((await goalsOf(id)).map((g) => g.text)).toEqual([GOAL, 'Tell mum how I feel']);
		const events = await db().select().from(t.caseEvent).where(and(eq(t.caseEvent.referralId, id), eq(t.caseEvent.kind, 'assessment'))).orderBy(asc(t.caseEvent.id));
		expect(events.map((e) => [e.section, e.schoolVisible, e.reason])).toEqual([
			['completed', true, null],
			['corrected', false, null]
		]);
	});

	it('writes an audit row for every read and every save, with codes only', async () => {
		const id = await acceptedCase(dsl(), yw());
		await assessmentForEdit(yw(), id);
		await saveAssessment(yw(), id, form({ substances: SUBSTANCES }), 'draft');
		await saveAssessment(yw(), id, complete({ version: 1 }), 'complete');
		await assessmentPanelFor(yw(), id);
		const assessmentId = (await assessmentRow(id))?.id ?? '';
		expect(await auditActions(assessmentId)).toEqual(['assessment.draft-saved', 'assessment.completed']);
		const reads = await auditActions(id);
		expect(reads).toEqual(expect.arrayContaining(['assessment.viewed', 'assessment.summary-viewed', 'referral.start-assessment', 'referral.start-programme']));
		const rows = await db().select().from(t.auditEvent).where(eq(t.auditEvent.recordId, assessmentId));
		expect(JSON.stringify(rows)).not.toContain(SUBSTANCES);
		expect(JSON.stringify(rows)).not.toContain(GOAL);
	});
});

describe('new risks found at assessment', () => {
	it('sends the case back to triage with the note as the reason, and a new triage round can be decided', async () => {
		const id = await acceptedCase(dsl(), yw());
		const note = 'Disclosed an older boyfriend who supplies the cannabis';
		const result = await saveAssessment(yw(), id, complete({ newRisks: 'yes', newRisksNote: note }), 'complete');
		expect(result).toMatchObject({ ok: true, state: 'in_triage', outcome: 'returned-to-triage' });
		const [event] = await db()
			.select()
			.from(t.caseEvent)
			.where(and(eq(t.caseEvent.referralId, id), eq(t.caseEvent.toState, 'in_triage'), eq(t.caseEvent.fromState, 'in_assessment')));
		expect(event?.reason).toBe(note);
		expect((await assessmentRow(id))?.completedAt).toBeNull();

		// Round two: the triage form opens afresh on the last answers, and the decision is recorded.
		const triage = await triageForEdit(yw(), id);
		expect(triage).toMatchObject({ round: 2, answerable: true, decidable: true, initial: { version: 0 } });
		const saved = await saveTriageAnswers(yw(), id, noConcerns(), 0);
		expect(saved).toEqual({ ok: true, version: 1 });
		const decided = await decideTriage(
			yw(),
			id,
			{ answers: noConcerns(), levelOfNeed: 2, rag: 'amber', leadYouthWorkerId: yw().userId, decision: 'accept', holdReason: '', notSuitableReason: '', redirectedTo: '', escalations: {} },
			1
		);
		expect(decided).toEqual({ ok: true, state: 'accepted' });
		const rounds = await db().select().from(t.triage).where(eq(t.triage.referralId, id)).orderBy(asc(t.triage.round));
		expect(rounds.map((r) => [r.round, r.decision, r.levelOfNeed])).toEqual([
			[1, 'accept', 1],
			[2, 'accept', 2]
		]);

		// Back from triage, the assessment carries on and completes into the programme.
		const again = await saveAssessment(yw(), id, complete({ version: 1, newRisks: 'no' }), 'complete');
		expect(again).toMatchObject({ ok: true, state: 'in_programme', outcome: 'completed' });
	});

	it('sends a case in the programme back to triage when a correction finds new risks', async () => {
		const id = await acceptedCase(dsl(), yw());
		await saveAssessment(yw(), id, complete(), 'complete');
		const result = await saveAssessment(yw(), id, complete({ version: 1, newRisks: 'yes', newRisksNote: 'Missing from home twice this week' }), 'complete');
		expect(result).toMatchObject({ ok: true, state: 'in_triage', outcome: 'returned-to-triage' });
	});
});

describe('who sees the assessment', () => {
	it('shows the school only that the assessment took place: no answer text anywhere in what it is sent', async () => {
		const id = await acceptedCase(dsl(), yw());
		const note = 'Worried about a county lines contact (hidden)';
		await saveAssessment(yw(), id, complete({ plannedOnwardReferrals: 'Young people’s substance service', newRisksNote: note }), 'complete');
		const panel = await assessmentPanelFor(dsl(), id);
		expect(panel).toEqual({ audience: 'school', completedAt: expect.any(String) });
		const caseView = await viewCase(dsl(), id);
		expect(caseView?.chronology.map((e) => e.what)).toContain('Assessment completed');
		const sent = JSON.stringify({ panel, caseView });
		for (const text of [SUBSTANCES, FAMILY, GOAL, RISK, 'Young people’s substance service', 'Group sessions', 'suitability', 'riskSummary']) expect(sent).not.toContain(text);
		// Youth workers see the summary.
		expect(await assessmentPanelFor(yw(), id)).toMatchObject({ audience: 'service', status: 'completed', goals: [GOAL], suitability: 'Group sessions', riskSummary: RISK, action: 'Change' });
	});

	it('shows the school nothing of the assessment before it is completed', async () => {
		const id = await acceptedCase(dsl(), yw());
		await saveAssessment(yw(), id, form({ substances: SUBSTANCES }), 'draft');
		expect(await assessmentPanelFor(dsl(), id)).toBeNull();
	});

	it('without consent to share progress, shows the school neither the assessment nor its chronology entry', async () => {
		const id = await acceptedCase(dsl(), yw(), { consent: { shareProgress: 'no', shareProgressBy: '', shareProgressMethod: '', shareProgressDay: '', shareProgressMonth: '', shareProgressYear: '' } });
		await saveAssessment(yw(), id, complete(), 'complete');
		expect(await assessmentPanelFor(dsl(), id)).toBeNull();
		expect((await viewCase(dsl(), id))?.chronology.map((e) => e.what)).not.toContain('Assessment completed');
		expect((await viewCase(yw(), id))?.chronology.map((e) => e.what)).toContain('Assessment completed');
	});

	it('gives another school’s DSL, another service’s youth worker and a DSL “not found”', async () => {
		const id = await acceptedCase(dsl(), yw());
		await saveAssessment(yw(), id, complete(), 'complete');
		const otherSchool = s1().schools[1].actors.dsl;
		const otherService = world.services[1].actors.youth_worker;
		expect(await assessmentPanelFor(otherSchool, id)).toBeNull();
		expect(await assessmentPanelFor(otherService, id)).toBeNull();
		expect(await assessmentForEdit(otherService, id)).toBeNull();
		expect(await assessmentForEdit(dsl(), id)).toBeNull();
		expect(await saveAssessment(otherService, id, complete({ version: 1 }), 'complete')).toEqual({ ok: false, problem: 'not-found' });
		expect(await saveAssessment(dsl(), id, complete({ version: 1 }), 'complete')).toEqual({ ok: false, problem: 'not-found' });
		expect(await saveAssessment(s1().actors.provider_admin, id, complete({ version: 1 }), 'complete')).toEqual({ ok: false, problem: 'not-found' });
	});

	it('shows an admin the summary without a link to change it', async () => {
		const id = await acceptedCase(dsl(), yw());
		await saveAssessment(yw(), id, form({ substances: SUBSTANCES }), 'draft');
		expect(await assessmentPanelFor(s1().actors.provider_admin, id)).toMatchObject({ audience: 'service', status: 'draft', action: null });
		expect(await assessmentPanelFor(yw(), id)).toMatchObject({ status: 'draft', action: 'Continue assessment' });
	});
});
