import { z } from 'zod';
import { ESCALATION_AGENCY_VALUES, type EscalationAgency } from '$lib/escalation-agencies';
import { ANSWERS, INDICATOR_KEYS, RAGS, TRIAGE_DECISION_VALUES, type Answer, type IndicatorKey, type Rag, type TriageDecision } from '$lib/triage-indicators';
import { choice, optional } from './fields';

/**
 * The triage form (DOMAIN.md §3 step 3, §4). Flat fields, so the form posts without JavaScript:
 * per indicator an answer (`<key>`) and a note (`<key>Note`); per agency the choice for a required
 * escalation (`escalation_<agency>`) and the rationale for declining it (`rationale_<agency>`).
 * The schema checks shapes and lengths only: which answers and choices a decision needs depends on
 * the rules and the referral, so the domain (decideTriage) checks that and names the fields.
 */
export const NOTE_MAX = 1000;
export const REASON_MAX = 2000;
export const REDIRECTED_MAX = 500;

export const ESCALATION_CHOICES = ['escalate', 'decline'] as const;
export type EscalationChoice = (typeof ESCALATION_CHOICES)[number];
export const ESCALATION_CHOICE_OPTIONS = [
	{ value: 'escalate', label: 'Will escalate' },
	{ value: 'decline', label: 'Decline, with a rationale', hint: 'A senior youth worker or provider admin countersigns this within one working day.' }
] as const;

export const noteField = (key: IndicatorKey) => `${key}Note` as const;
export const escalationField = (agency: EscalationAgency) => `escalation_${agency}` as const;
export const rationaleField = (agency: EscalationAgency) => `rationale_${agency}` as const;

const answerChoice = choice(ANSWERS);
const note = optional(NOTE_MAX, 'The note');
const escalationChoice = choice(ESCALATION_CHOICES);
const rationale = optional(REASON_MAX, 'The rationale');

type AnswerShape = { [K in IndicatorKey]: typeof answerChoice } & { [K in IndicatorKey as `${K}Note`]: typeof note };
type EscalationShape = { [A in EscalationAgency as `escalation_${A}`]: typeof escalationChoice } & {
	[A in EscalationAgency as `rationale_${A}`]: typeof rationale;
};

const answerShape = Object.fromEntries(INDICATOR_KEYS.flatMap((k) => [[k, answerChoice], [noteField(k), note]])) as AnswerShape;
const escalationShape = Object.fromEntries(
	ESCALATION_AGENCY_VALUES.flatMap((a) => [[escalationField(a), escalationChoice], [rationaleField(a), rationale]])
) as EscalationShape;

export const triageSchema = z.object({
	...answerShape,
	...escalationShape,
	levelOfNeed: choice(['1', '2', '3', '4']),
	rag: choice(RAGS),
	leadYouthWorkerId: optional(40, 'The lead youth worker'),
	decision: choice(TRIAGE_DECISION_VALUES),
	holdReason: optional(REASON_MAX, 'The reason'),
	notSuitableReason: optional(REASON_MAX, 'The reason'),
	redirectedTo: optional(REDIRECTED_MAX, 'Where the young person was redirected'),
	version: z.number().int().min(0).default(0)
});

export type TriageForm = z.infer<typeof triageSchema>;

/** Answers as stored: per indicator the answer and the note, as typed. */
export type StoredAnswers = Partial<Record<IndicatorKey, { answer: Answer | ''; note: string }>>;

export interface EscalationDecision {
	choice: EscalationChoice | '';
	rationale: string;
}

export interface TriageDecisionInput {
	answers: StoredAnswers;
	levelOfNeed: number | null;
	rag: Rag | '';
	leadYouthWorkerId: string;
	decision: TriageDecision | '';
	holdReason: string;
	notSuitableReason: string;
	redirectedTo: string;
	escalations: Partial<Record<EscalationAgency, EscalationDecision>>;
}

export function answersFromForm(form: TriageForm): StoredAnswers {
	return Object.fromEntries(INDICATOR_KEYS.map((k) => [k, { answer: form[k], note: form[noteField(k)] }]));
}

export function answersToForm(answers: StoredAnswers): Partial<TriageForm> {
	return Object.fromEntries(INDICATOR_KEYS.flatMap((k) => [[k, answers[k]?.answer ?? ''], [noteField(k), answers[k]?.note ?? '']])) as Partial<TriageForm>;
}

export function decisionFromForm(form: TriageForm): TriageDecisionInput {
	return {
		answers: answersFromForm(form),
		levelOfNeed: form.levelOfNeed ? Number(form.levelOfNeed) : null,
		rag: form.rag,
		leadYouthWorkerId: form.leadYouthWorkerId,
		decision: form.decision,
		holdReason: form.holdReason,
		notSuitableReason: form.notSuitableReason,
		redirectedTo: form.redirectedTo,
		escalations: Object.fromEntries(ESCALATION_AGENCY_VALUES.map((a) => [a, { choice: form[escalationField(a)], rationale: form[rationaleField(a)] }]))
	};
}

/** Just the answers of the form, for the rules in the browser. */
export function answerValues(form: Partial<TriageForm>): Partial<Record<IndicatorKey, Answer | ''>> {
	return Object.fromEntries(INDICATOR_KEYS.map((k) => [k, form[k] ?? '']));
}

/** What the school decided when diversion did not go ahead (DOMAIN.md §3 step 2). */
export const SCHOOL_DECISIONS = [
	{ value: 'suspension', label: 'A suspension went ahead' },
	{ value: 'permanent_exclusion', label: 'Permanent exclusion' },
	{ value: 'no_further_sanction', label: 'No further sanction' },
	{ value: 'other', label: 'Something else' }
] as const;
export type SchoolDecision = (typeof SCHOOL_DECISIONS)[number]['value'];
export const SCHOOL_DECISION_VALUES = SCHOOL_DECISIONS.map((d) => d.value) as [SchoolDecision, ...SchoolDecision[]];
export const SCHOOL_DECISION_LABELS = Object.fromEntries(SCHOOL_DECISIONS.map((d) => [d.value, d.label])) as Record<SchoolDecision, string>;
/** A pupil can be suspended for at most 45 school days in a school year. */
export const MAX_SUSPENSION_DAYS = 45;

export const schoolDecisionSchema = z
	.object({
		decision: choice(SCHOOL_DECISION_VALUES),
		days: z.string().trim().max(3, 'Enter the number of days as a number, like 3').default(''),
		note: optional(REASON_MAX, 'The note'),
		version: z.number().int().min(0).default(0)
	})
	.superRefine((v, ctx) => {
		if (!v.decision) ctx.addIssue({ code: 'custom', path: ['decision'], message: 'Select what the school decided' });
		if (v.decision === 'suspension') {
			const days = Number(v.days);
			if (!v.days) ctx.addIssue({ code: 'custom', path: ['days'], message: 'Enter how many days the suspension was' });
			else if (!/^\d+$/.test(v.days) || days < 1 || days > MAX_SUSPENSION_DAYS) {
				ctx.addIssue({ code: 'custom', path: ['days'], message: `Enter a whole number of days from 1 to ${MAX_SUSPENSION_DAYS}` });
			}
		}
		if (v.decision === 'other' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Say what the school decided' });
	});

export type SchoolDecisionForm = z.infer<typeof schoolDecisionSchema>;

/** Countersigning a decision: an optional comment. */
export const countersignSchema = z.object({
	comment: optional(REASON_MAX, 'The comment')
});
