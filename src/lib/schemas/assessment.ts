import { z } from 'zod';
import { ASSESSMENT_DOMAINS, GOAL_FIELDS, SUITABILITY_OPTIONS, type AssessmentDomainKey, type GoalField } from '$lib/assessment-domains';
import { valuesOf } from '$lib/codes';
import { choice, optional } from './fields';

export const DOMAIN_ANSWER_MAX = 5000;
export const GOAL_MAX = 500;
export const RISK_SUMMARY_MAX = 5000;
export const PLANNED_ONWARD_MAX = 2000;
export const NEW_RISKS_NOTE_MAX = 2000;

const domainFields = Object.fromEntries(ASSESSMENT_DOMAINS.map((d) => [d.key, optional(DOMAIN_ANSWER_MAX, d.title)])) as Record<AssessmentDomainKey, z.ZodDefault<z.ZodString>>;
const goalFields = Object.fromEntries(GOAL_FIELDS.map((g, i) => [g, optional(GOAL_MAX, `Goal ${i + 1}`)])) as Record<GoalField, z.ZodDefault<z.ZodString>>;

/**
 * The assessment form (DOMAIN.md §3 step 5). A draft may be saved half-filled, so the schema checks
 * only lengths and choices; what completing needs is `completionProblems`. One schema for both
 * buttons keeps one superforms id, so the page's form takes either action's answer.
 */
export const assessmentSchema = z.object({
	version: z.number().int().min(0),
	...domainFields,
	...goalFields,
	riskSummary: optional(RISK_SUMMARY_MAX, 'The risk summary'),
	suitability: choice(valuesOf(SUITABILITY_OPTIONS)),
	plannedOnwardReferrals: optional(PLANNED_ONWARD_MAX, 'Planned onward referrals'),
	newRisks: choice(['yes', 'no'] as const),
	newRisksNote: optional(NEW_RISKS_NOTE_MAX, 'The note about new risks')
});

export type AssessmentForm = z.infer<typeof assessmentSchema>;
export type AssessmentField = Exclude<keyof AssessmentForm, 'version'>;

/** The goals typed, in order, blanks left out. */
export function goalsOf(form: Pick<AssessmentForm, GoalField>): string[] {
	return GOAL_FIELDS.map((g) => form[g].trim()).filter(Boolean);
}

/**
 * What completing an assessment needs, as messages at their fields: the substance history, at least
 * one goal, the risk summary, group or 1:1, and whether new risks were found (with what they are,
 * since the case then goes back to triage: DOMAIN.md §3 step 5).
 */
export function completionProblems(form: AssessmentForm): Partial<Record<AssessmentField, string>> {
	const problems: Partial<Record<AssessmentField, string>> = {};
	if (!form.substances.trim()) problems.substances = 'Enter the young person’s substance history';
	if (goalsOf(form).length === 0) problems.goal1 = 'Enter at least one goal, in the young person’s own words';
	if (!form.riskSummary.trim()) problems.riskSummary = 'Enter the risk summary';
	if (!form.suitability) problems.suitability = 'Select whether group or one-to-one sessions suit the young person';
	if (!form.newRisks) problems.newRisks = 'Select yes if the assessment found new risks';
	if (form.newRisks === 'yes' && !form.newRisksNote.trim()) problems.newRisksNote = 'Enter what the new risks are: the case goes back to triage with this note';
	return problems;
}
