import { z } from 'zod';
import { valuesOf } from '$lib/codes';
import { checkDateFields, choice, dateParts, optional, text, todayIso } from './fields';

/** Accepted by the service, and taken up by the young person: yes, no, or not known yet. */
export const YES_NO_NOT_KNOWN = [
	{ value: 'yes', label: 'Yes' },
	{ value: 'no', label: 'No' },
	{ value: 'not_known', label: 'Not known yet' }
] as const;

export const ONWARD_SERVICE_MAX = 200;
export const ONWARD_NOTE_MAX = 2000;

/**
 * An onward referral (DOMAIN.md §3 step 9): the service, the date, whether it was accepted and taken
 * up. The same form records one and updates it later.
 */
export const onwardReferralSchema = z
	.object({
		version: z.number().int().min(0),
		toService: text(ONWARD_SERVICE_MAX, 'The service').default(''),
		...dateParts('referred'),
		accepted: choice(valuesOf(YES_NO_NOT_KNOWN)),
		takenUp: choice(valuesOf(YES_NO_NOT_KNOWN)),
		note: optional(ONWARD_NOTE_MAX, 'The note')
	})
	.superRefine((v, ctx) => {
		const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
		if (!v.toService) need('toService', 'Enter the service the young person was referred to');
		const iso = checkDateFields(v, 'referred', 'date of the referral', ctx);
		if (iso && iso > todayIso()) need('referredDay', 'The date of the referral must be today or in the past');
		if (!v.accepted) need('accepted', 'Select whether the service accepted the referral');
		if (!v.takenUp) need('takenUp', 'Select whether the young person took it up');
	});

export type OnwardReferralInput = z.infer<typeof onwardReferralSchema>;
