import { and, eq } from 'drizzle-orm';
import type { FollowUpFormInput } from '$lib/schemas/follow-up';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { recordFollowUp } from '../follow-ups/record';
import { chaseUnanswered, closeNotReturned, promptDue } from '../follow-ups/sweep';

/**
 * The follow-ups of the demo's past outcomes (DOMAIN.md §3 step 10), run as the hourly job and the
 * schools would have run them: the job's prompt, chase and close steps at the very times they fall
 * due, and each school's answer on the day it gave it, all in time order across every case. A
 * follow-up with no answer planned is chased and then closed as not returned, if its time has come.
 */
export type SchoolAnswers = Pick<FollowUpFormInput, 'furtherDrugIncident' | 'suspension' | 'suspensionDrugRelated' | 'exclusion' | 'exclusionDrugRelated' | 'policeContact' | 'onwardTakeUp' | 'note'>;

export interface FollowUpAnswer {
	dsl: Actor;
	/** Calendar days after the prompt that the school answered. */
	afterDays: number;
	answers: SchoolAnswers;
}

export const NOTHING_FURTHER: SchoolAnswers = {
	furtherDrugIncident: 'no',
	suspension: 'no',
	suspensionDrugRelated: '',
	exclusion: 'no',
	exclusionDrugRelated: '',
	policeContact: 'no',
	onwardTakeUp: 'not_known',
	note: ''
};

const DAY = 86_400_000;
type Step = 'prompt' | 'record' | 'chase' | 'close';
const ORDER: Record<Step, number> = { prompt: 0, record: 1, chase: 2, close: 3 };

export async function runDemoFollowUps(answers: Map<string, FollowUpAnswer>, now: Date): Promise<void> {
	const rows = await db().select().from(t.followUp);
	const events: { at: Date; step: Step; referralId: string; months: number }[] = [];
	for (const row of rows) {
		const push = (step: Step, when: Date | null) => {
			if (when && when <= now) events.push({ at: when, step, referralId: row.referralId, months: row.months });
		};
		push('prompt', row.dueAt);
		push('chase', row.chaseAt);
		push('close', row.closeAt);
		const answer = answers.get(row.referralId);
		if (answer) push('record', new Date(row.dueAt.getTime() + answer.afterDays * DAY));
	}
	events.sort((a, b) => a.at.getTime() - b.at.getTime() || ORDER[a.step] - ORDER[b.step]);
	for (const event of events) {
		if (event.step === 'prompt') await promptDue(db(), event.at);
		if (event.step === 'chase') await chaseUnanswered(db(), event.at);
		if (event.step === 'close') await closeNotReturned(db(), event.at);
		if (event.step === 'record') await record(event.referralId, event.months, answers.get(event.referralId), event.at);
	}
}

async function record(referralId: string, months: number, answer: FollowUpAnswer | undefined, when: Date): Promise<void> {
	if (!answer) return;
	const [row] = await db().select().from(t.followUp).where(and(eq(t.followUp.referralId, referralId), eq(t.followUp.months, months)));
	if (!row || row.recordedAt || row.notReturnedAt) return;
	const input: FollowUpFormInput = { version: row.version, ...answer.answers, providerPoliceContact: '', providerPoliceNote: '' };
	const result = await recordFollowUp(answer.dsl, referralId, months, input, when);
	if (!result.ok) throw new Error(`demo follow-up refused: ${JSON.stringify(result)}`);
}
