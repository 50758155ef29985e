import { z } from 'zod';
import { ETHNICITY_CODES, SEN_PROVISION, SEX, SOCIAL_WORKER, valuesOf } from '$lib/codes';
import { choice, dateParts, optional, readDate, todayIso } from '../fields';
import { YEAR_GROUPS } from '$lib/referral-options';

export { YEAR_GROUPS };

const YES_NO = ['yes', 'no'] as const;

export const pupilSchema = z
	.object({
		legalForename: optional(100, 'Legal first name'),
		legalSurname: optional(100, 'Legal last name'),
		preferredName: optional(100, 'Preferred name'),
		...dateParts('dob'),
		yearGroup: choice(YEAR_GROUPS),
		upn: optional(13, 'Unique pupil number'),
		sex: choice(valuesOf(SEX)),
		ethnicity: choice(ETHNICITY_CODES),
		sen: choice(valuesOf(SEN_PROVISION)),
		fsm: choice(YES_NO),
		lookedAfter: choice(YES_NO),
		socialWorker: choice(valuesOf(SOCIAL_WORKER)),
		youngCarer: choice(YES_NO),
		firstLanguage: optional(60, 'First language'),
		interpreter: choice(YES_NO),
		addressLine1: optional(100, 'Address line 1'),
		addressLine2: optional(100, 'Address line 2'),
		town: optional(60, 'Town or city'),
		postcode: optional(10, 'Postcode'),
		gpPractice: optional(150, 'GP practice'),
		phone: optional(30, 'Phone number')
	})
	.superRefine((v, ctx) => {
		const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
		if (!v.legalForename) need('legalForename', 'Enter the pupil’s legal first name');
		if (!v.legalSurname) need('legalSurname', 'Enter the pupil’s legal last name');
		const dob = readDate('Date of birth', String(v.dobDay), String(v.dobMonth), String(v.dobYear));
		if (dob.ok === 'empty') need('dobDay', 'Enter the pupil’s date of birth');
		else if (dob.ok === false) need('dobDay', dob.message);
		else if (dob.iso >= todayIso()) need('dobDay', 'Date of birth must be in the past');
		else if (dob.iso < '1990-01-01') need('dobDay', 'Date of birth must be after 1 January 1990');
		if (!v.yearGroup) need('yearGroup', 'Select the pupil’s year group');
		if (v.upn && !/^[A-Z]\d{11}[0-9A-Z]$/i.test(v.upn)) need('upn', 'Unique pupil number must be a letter followed by 12 letters or digits, like A12345678901B');
		if (!v.sex) need('sex', 'Select the pupil’s sex as recorded in the school census');
		if (!v.ethnicity) need('ethnicity', 'Select the pupil’s ethnicity, or “Information not yet obtained”');
		if (!v.sen) need('sen', 'Select the pupil’s SEN provision');
		if (!v.fsm) need('fsm', 'Select yes if the pupil is eligible for free school meals');
		if (!v.lookedAfter) need('lookedAfter', 'Select yes if the pupil is looked after');
		if (!v.socialWorker) need('socialWorker', 'Select whether the pupil has a social worker');
		if (!v.youngCarer) need('youngCarer', 'Select yes if the pupil is a young carer');
		if (!v.firstLanguage) need('firstLanguage', 'Enter the pupil’s first language');
		if (!v.interpreter) need('interpreter', 'Select yes if an interpreter is needed');
		if (!v.addressLine1) need('addressLine1', 'Enter the first line of the home address');
		if (!v.town) need('town', 'Enter the town or city');
		if (!v.postcode) need('postcode', 'Enter the postcode');
		else if (!/^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i.test(v.postcode)) need('postcode', 'Enter a real postcode, like LS1 4AP');
		if (!v.gpPractice) need('gpPractice', 'Enter the GP practice, or “Not known”');
		if (v.phone && !/^[\d\s+()-]{7,30}$/.test(v.phone)) need('phone', 'Enter a phone number, like 07700 900 982');
	});

export type PupilAnswers = z.infer<typeof pupilSchema>;
