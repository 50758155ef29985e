import { z } from 'zod';
import { CONSENT_METHODS, valuesOf } from '$lib/codes';
import { choice, dateParts, optional, readDate, todayIso } from '../fields';
import { CONSENT_GIVERS, PARENT_CONSENT } from '$lib/referral-options';

export { CONSENT_GIVERS, PARENT_CONSENT };

const YES_NO = ['yes', 'no'] as const;

/**
 * Consent (DOMAIN.md §3 step 2): a parent or carer for a pupil under 16, the young person's own
 * agreement always (the programme is voluntary), a Gillick note when a parent is not told, and
 * separate consents for sharing progress with the school and for evaluation. Each records who, how
 * and when.
 */
export const consentSchema = z
	.object({
		parentConsent: choice(valuesOf(PARENT_CONSENT)),
		parentConsentBy: optional(100, 'Name'),
		parentConsentMethod: choice(valuesOf(CONSENT_METHODS)),
		...dateParts('parentConsent'),
		gillickReason: optional(2000, 'Reason'),
		youngPersonAgreed: choice(YES_NO),
		youngPersonMethod: choice(valuesOf(CONSENT_METHODS)),
		...dateParts('youngPerson'),
		shareProgress: choice(YES_NO),
		shareProgressBy: choice(valuesOf(CONSENT_GIVERS)),
		shareProgressMethod: choice(valuesOf(CONSENT_METHODS)),
		...dateParts('shareProgress'),
		evaluation: choice(YES_NO),
		evaluationBy: choice(valuesOf(CONSENT_GIVERS)),
		evaluationMethod: choice(valuesOf(CONSENT_METHODS)),
		...dateParts('evaluation')
	})
	.superRefine((v, ctx) => {
		const value = (key: string) => String((v as Record<string, unknown>)[key] ?? '');
		const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
		const when = (prefix: string, label: string) => {
			const date = readDate(label, value(`${prefix}Day`), value(`${prefix}Month`), value(`${prefix}Year`));
			if (date.ok === 'empty') need(`${prefix}Day`, `Enter the date of the ${label.toLowerCase()}`);
			else if (date.ok === false) need(`${prefix}Day`, date.message);
			else if (date.iso > todayIso()) need(`${prefix}Day`, `${label} must be today or in the past`);
		};
		if (!v.parentConsent) need('parentConsent', 'Select whether a parent or carer consented');
		if (v.parentConsent === 'yes' || v.parentConsent === 'no') {
			if (!v.parentConsentBy) need('parentConsentBy', 'Enter the name of the parent or carer who answered');
			if (!v.parentConsentMethod) need('parentConsentMethod', 'Select how the parent or carer answered');
			when('parentConsent', 'Parent or carer answer');
		}
		if (v.parentConsent === 'not_told' && !v.gillickReason) {
			need('gillickReason', 'Explain why a parent or carer is not told, and how you judged the young person competent to agree (Gillick)');
		}
		if (!v.youngPersonAgreed) need('youngPersonAgreed', 'Select yes if the young person agreed to take part');
		if (v.youngPersonAgreed === 'yes') {
			if (!v.youngPersonMethod) need('youngPersonMethod', 'Select how the young person agreed');
			when('youngPerson', 'Young person’s agreement');
		}
		for (const [key, label] of [
			['shareProgress', 'Consent to share progress'],
			['evaluation', 'Consent for evaluation']
		] as const) {
			if (!value(key)) need(key, `Select yes if there is ${label.toLowerCase()}`);
			if (value(key) === 'yes') {
				if (!value(`${key}By`)) need(`${key}By`, `Select who gave the ${label.toLowerCase()}`);
				if (!value(`${key}Method`)) need(`${key}Method`, `Select how the ${label.toLowerCase()} was given`);
				when(key, label);
			}
		}
	});

export type ConsentAnswers = z.infer<typeof consentSchema>;
