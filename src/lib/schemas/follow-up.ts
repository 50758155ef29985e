import { z } from 'zod';
import { valuesOf } from '$lib/codes';
import { choice, optional } from './fields';

/** Every follow-up question is answered yes, no or not known (DOMAIN.md §3 step 10). */
export const FOLLOW_UP_ANSWERS = [
	{ value: 'yes', label: 'Yes' },
	{ value: 'no', label: 'No' },
	{ value: 'not_known', label: 'Not known' }
] as const;
const ANSWER_VALUES = valuesOf(FOLLOW_UP_ANSWERS);
export type FollowUpAnswer = (typeof ANSWER_VALUES)[number];

/** The school's questions, in order, with the question each one follows (asked only after a yes). */
export const SCHOOL_QUESTIONS = [
	{ key: 'furtherDrugIncident', legend: 'Has there been a further drug incident at school?', missing: 'Select whether there has been a further drug incident at school' },
	{ key: 'suspension', legend: 'Has the pupil been suspended, for any reason?', missing: 'Select whether the pupil has been suspended' },
	{ key: 'suspensionDrugRelated', legend: 'If suspended: was a suspension drug-related?', missing: 'Select whether the suspension was drug-related', follows: 'suspension' },
	{ key: 'exclusion', legend: 'Has the pupil been permanently excluded, for any reason?', missing: 'Select whether the pupil has been permanently excluded' },
	{ key: 'exclusionDrugRelated', legend: 'If excluded: was the exclusion drug-related?', missing: 'Select whether the exclusion was drug-related', follows: 'exclusion' },
	{ key: 'policeContact', legend: 'Has the pupil had contact with the police that the school knows of?', missing: 'Select whether the school knows of police contact' },
	{ key: 'onwardTakeUp', legend: 'Did the pupil take up the services they were referred on to?', missing: 'Select whether the pupil took up the onward services' }
] as const;
export type SchoolQuestion = (typeof SCHOOL_QUESTIONS)[number]['key'];

export const NOTE_MAX = 2000;
const version = z.number().int().min(1, 'Reload the page and make your changes again');

const schoolFields = {
	furtherDrugIncident: choice(ANSWER_VALUES),
	suspension: choice(ANSWER_VALUES),
	suspensionDrugRelated: choice(ANSWER_VALUES),
	exclusion: choice(ANSWER_VALUES),
	exclusionDrugRelated: choice(ANSWER_VALUES),
	policeContact: choice(ANSWER_VALUES),
	onwardTakeUp: choice(ANSWER_VALUES),
	note: optional(NOTE_MAX, 'The note')
};
const providerFields = {
	providerPoliceContact: choice(ANSWER_VALUES),
	providerPoliceNote: optional(NOTE_MAX, 'The note about police contact')
};

/**
 * Every field the follow-up page posts. Which questions must be answered depends on who records and
 * when, which the server decides (followUpProblems), never a posted field.
 */
export const followUpFormSchema = z.object({ version, ...schoolFields, ...providerFields });
export type FollowUpFormInput = z.infer<typeof followUpFormSchema>;

/**
 * - `school`: the school's safeguarding lead records what the school knows;
 * - `service`: a youth worker records the school's answers (given to them) and police contact the
 *   provider was told of;
 * - `provider-police`: after the follow-up is recorded or not returned, the provider adds police
 *   contact it hears of.
 */
export type FollowUpFormKind = 'school' | 'service' | 'provider-police';

export function followUpProblems(kind: FollowUpFormKind, v: FollowUpFormInput): { field: keyof FollowUpFormInput; message: string }[] {
	const problems: { field: keyof FollowUpFormInput; message: string }[] = [];
	if (kind !== 'provider-police') {
		for (const q of SCHOOL_QUESTIONS) {
			// "Was it drug-related?" is asked only after a yes; otherwise the answer is dropped on save.
			if ('follows' in q && v[q.follows] !== 'yes') continue;
			if (!v[q.key]) problems.push({ field: q.key, message: q.missing });
		}
	}
	if (kind !== 'school' && !v.providerPoliceContact) problems.push({ field: 'providerPoliceContact', message: 'Select whether the provider has been told of police contact' });
	return problems;
}
