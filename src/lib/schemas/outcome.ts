import { z } from 'zod';
import { GOAL_RATING_VALUES, OUTCOME_VALUES } from '$lib/outcomes';
import { checkDateFields, choice, dateParts, optional, todayIso } from './fields';
import { REASON_MAX } from './triage';

/**
 * The outcome form (DOMAIN.md §3 step 7). Flat fields, so it posts without JavaScript: the outcome,
 * the reason for choosing another than the one proposed, the date, and one rating per goal
 * (`goal_1` … in the order the goals were set). Which goals exist and whether the outcome differs from
 * the proposal are the domain's to check.
 */
export const GOAL_FIELDS = ['goal_1', 'goal_2', 'goal_3', 'goal_4', 'goal_5', 'goal_6', 'goal_7', 'goal_8', 'goal_9', 'goal_10', 'goal_11', 'goal_12'] as const;
export type GoalFieldName = (typeof GOAL_FIELDS)[number];
export const MAX_GOALS = GOAL_FIELDS.length;
/** The form field of the goal at this index (0-based, in the order the goals were set). */
export const goalField = (index: number) => `goal_${index + 1}` as GoalFieldName;
type GoalShape = { [K in GoalFieldName]: ReturnType<typeof choice<typeof GOAL_RATING_VALUES>> };
const goalShape = Object.fromEntries(GOAL_FIELDS.map((f) => [f, choice(GOAL_RATING_VALUES)])) as GoalShape;

export const outcomeSchema = z
	.object({
		outcome: choice(OUTCOME_VALUES),
		overrideReason: optional(REASON_MAX, 'The reason'),
		...dateParts('outcomeOn'),
		...goalShape,
		fromReview: z.enum(['', '1']).default(''),
		version: z.number().int().min(0).default(0)
	})
	.superRefine((v, ctx) => {
		if (!v.outcome) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'Select the outcome' });
		const on = checkDateFields(v, 'outcomeOn', 'outcome date', ctx);
		if (on && on > todayIso()) ctx.addIssue({ code: 'custom', path: ['outcomeOnDay'], message: 'The outcome date must be today or in the past' });
	});

export type OutcomeForm = z.infer<typeof outcomeSchema>;

/** The certificate's name, as the youth worker confirms it at issue (DOMAIN.md §3 step 8). */
export const CERTIFICATE_NAME_MAX = 80;
export const certificateIssueSchema = z.object({
	name: z.string().trim().max(CERTIFICATE_NAME_MAX, `The name must be ${CERTIFICATE_NAME_MAX} characters or fewer`).min(1, 'Enter the name to print on the certificate').default('')
});

export const certificateRevokeSchema = z.object({
	reason: z.string().trim().max(REASON_MAX, `The reason must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer`).min(1, 'Enter why the certificate is revoked').default('')
});

/** A verification code as typed on the public check page: letters, digits, spaces and dashes. */
export const certificateCheckSchema = z.object({
	code: z.string().trim().max(40, 'Enter the code as it is printed, like 7K3M-Q9XD-2VHT-R4').min(1, 'Enter the verification code').default('')
});
