import { z } from 'zod';
import { choice, optional } from '../fields';

const YES_NO = ['yes', 'no'] as const;

/**
 * The immediate safety check (DOMAIN.md §3 step 2 and the first rows of §4). A "yes" means acting
 * now, and the referral cannot be submitted until what was done is recorded.
 */
export const safetySchema = z
	.object({
		medicalEmergency: choice(YES_NO),
		abuseDisclosure: choice(YES_NO),
		supplySigns: choice(YES_NO),
		otherRisk: choice(YES_NO),
		otherRiskDetail: optional(2000, 'Other immediate risk'),
		actionTaken: optional(4000, 'What you did')
	})
	.superRefine((v, ctx) => {
		const need = (path: keyof typeof v, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
		if (!v.medicalEmergency) need('medicalEmergency', 'Select yes if the pupil needs medical help now');
		if (!v.abuseDisclosure) need('abuseDisclosure', 'Select yes if there was a disclosure of abuse or unexplained injuries');
		if (!v.supplySigns) need('supplySigns', 'Select yes if there are signs of supply');
		if (!v.otherRisk) need('otherRisk', 'Select yes if there is any other immediate risk');
		if (v.otherRisk === 'yes' && !v.otherRiskDetail) need('otherRiskDetail', 'Describe the other immediate risk');
		if (anyRedFlag(v) && !v.actionTaken) need('actionTaken', 'Record what you did about the immediate risk, who you told and when');
	});

export type SafetyAnswers = z.infer<typeof safetySchema>;

export function anyRedFlag(v: Pick<SafetyAnswers, 'medicalEmergency' | 'abuseDisclosure' | 'supplySigns' | 'otherRisk'>): boolean {
	return v.medicalEmergency === 'yes' || v.abuseDisclosure === 'yes' || v.supplySigns === 'yes' || v.otherRisk === 'yes';
}
