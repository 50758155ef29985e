import { z } from 'zod';

/**
 * Scalar service settings. Each key has a schema and a default; the admin settings page edits them
 * and later issues add their own keys here.
 */
export const SETTINGS = {
	programmeName: { schema: z.string().trim().min(1).max(120), default: 'DIVERT Young People' },
	/** A service can require MFA for governors and commissioners too (SECURITY.md 5). */
	requireMfaForOversight: { schema: z.boolean(), default: false },
	/** Small-number suppression: counts from 1 to this minus one show as "<N" (DOMAIN.md §5). At least 3: "<2" could only mean 1. */
	suppressionThreshold: { schema: z.number().int().min(3).max(20), default: 5 },
	/** Percentages are hidden when the denominator is under this. */
	minimumDenominator: { schema: z.number().int().min(2).max(100), default: 10 },
	eligibility: {
		schema: z
			.object({
				schoolYearFrom: z.number().int().min(1).max(14),
				schoolYearTo: z.number().int().min(1).max(14),
				collegeAgeFrom: z.number().int().min(10).max(25),
				collegeAgeTo: z.number().int().min(10).max(25),
				/** An EHC plan can run to 25 (DOMAIN.md §3 step 2). */
				collegeAgeToWithEhcp: z.number().int().min(10).max(25)
			})
			.superRefine((v, ctx) => {
				if (v.schoolYearTo < v.schoolYearFrom) ctx.addIssue({ code: 'custom', path: ['schoolYearTo'], message: 'The last school year must be the same as or after the first' });
				if (v.collegeAgeTo < v.collegeAgeFrom) ctx.addIssue({ code: 'custom', path: ['collegeAgeTo'], message: 'The oldest college age must be the same as or more than the youngest' });
				if (v.collegeAgeToWithEhcp < v.collegeAgeTo) {
					ctx.addIssue({ code: 'custom', path: ['collegeAgeToWithEhcp'], message: 'The oldest age with an EHC plan must be the same as or more than the oldest age without one' });
				}
			}),
		default: { schoolYearFrom: 7, schoolYearTo: 13, collegeAgeFrom: 16, collegeAgeTo: 18, collegeAgeToWithEhcp: 25 }
	},
	slas: {
		schema: z.object({
			triageWorkingDays: z.number().int().min(1).max(20),
			mashWrittenReferralHours: z.number().int().min(1).max(168),
			mashDecisionWorkingDays: z.number().int().min(1).max(20),
			countersignWorkingDays: z.number().int().min(1).max(20),
			followUpMonths: z.number().int().min(1).max(24),
			followUpChaseWorkingDays: z.number().int().min(1).max(60)
		}),
		default: {
			triageWorkingDays: 1,
			mashWrittenReferralHours: 24,
			mashDecisionWorkingDays: 1,
			countersignWorkingDays: 1,
			followUpMonths: 6,
			followUpChaseWorkingDays: 10
		}
	},
	/** Who the completion certificate names (DOMAIN.md §3 step 8). */
	certificate: {
		schema: z.object({
			providerName: z.string().trim().min(1).max(120),
			signatoryName: z.string().trim().min(1).max(120),
			signatoryRole: z.string().trim().min(1).max(120)
		}),
		default: { providerName: 'DIVERT Young People', signatoryName: 'Sam Okafor', signatoryRole: 'Programme manager' }
	},
	/**
	 * Follow-ups (DOMAIN.md §3 step 10): the 6-month one always, a 12-month one too when the service
	 * asks; an unanswered follow-up closes as "not returned" this many working days after it fell due.
	 */
	followUp: {
		schema: z.object({
			twelveMonths: z.boolean(),
			notReturnedWorkingDays: z.number().int().min(5).max(120)
		}),
		default: { twelveMonths: false, notReturnedWorkingDays: 30 }
	},
	/**
	 * Retention (DOMAIN.md §7): a diversion-only record is due for review this many whole years after
	 * its case closed. Child-protection records are kept until the young person's 25th birthday (fixed).
	 */
	retention: {
		schema: z.object({ diversionYears: z.number().int().min(1).max(25) }),
		default: { diversionYears: 3 }
	},
	/**
	 * Unit costs for the service report's estimate of costs avoided (DOMAIN.md §5), each in whole pounds
	 * with the note of where the figure comes from, printed beside the estimate. The defaults are
	 * placeholders, labelled so, until a service enters its local authority's published figures.
	 */
	unitCosts: {
		schema: z.object({
			suspensionDay: z.object({ pounds: z.number().int().min(0).max(10_000_000), source: z.string().trim().min(1).max(300) }),
			permanentExclusion: z.object({ pounds: z.number().int().min(0).max(10_000_000), source: z.string().trim().min(1).max(300) })
		}),
		default: {
			suspensionDay: { pounds: 100, source: 'Illustrative figure: replace with your local authority’s published cost of a day’s suspension' },
			permanentExclusion: { pounds: 100_000, source: 'Illustrative figure: replace with your local authority’s published cost of a permanent exclusion' }
		}
	}
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;
