import { z } from 'zod';

/** Forms of the provider admin's settings pages. Numbers are typed as text so what was typed is kept. */

export { capitalise, checkDate, checkDateFields, DATE_PART_MAX, formatIsoDate, type DateCheck, type DatePartField } from './fields';
import { capitalise, checkDateFields, DATE_PART_MAX, type DatePartField } from './fields';

const version = z.number().int().min(0).max(1_000_000_000);

function wholeNumber(label: string, min: number, max: number, example: number) {
	const Label = capitalise(label);
	return z
		.string()
		.trim()
		.min(1, `Enter the ${label}`)
		.max(4, `${Label} must be between ${min} and ${max}`)
		.regex(/^\d+$/, `${Label} must be a whole number, like ${example}`)
		.refine((v) => Number(v) >= min && Number(v) <= max, `${Label} must be between ${min} and ${max}`);
}

export const programmeNameSchema = z.object({
	version,
	programmeName: z.string().trim().min(1, 'Enter the programme name').max(120, 'Programme name must be 120 characters or fewer')
});

export const MFA_REQUIREMENTS = ['required', 'optional'] as const;
export const mfaSchema = z.object({ version, requirement: z.enum(MFA_REQUIREMENTS, 'Select whether governors and commissioners must use an authenticator app') });

export const eligibilitySchema = z
	.object({
		version,
		schoolYearFrom: wholeNumber('first school year', 1, 14, 7),
		schoolYearTo: wholeNumber('last school year', 1, 14, 13),
		collegeAgeFrom: wholeNumber('youngest college age', 10, 25, 16),
		collegeAgeTo: wholeNumber('oldest college age', 10, 25, 18),
		collegeAgeToWithEhcp: wholeNumber('oldest college age with an EHC plan', 10, 25, 25)
	})
	.superRefine((v, ctx) => {
		if (Number(v.schoolYearTo) < Number(v.schoolYearFrom)) {
			ctx.addIssue({ code: 'custom', path: ['schoolYearTo'], message: 'The last school year must be the same as or after the first' });
		}
		if (Number(v.collegeAgeTo) < Number(v.collegeAgeFrom)) {
			ctx.addIssue({ code: 'custom', path: ['collegeAgeTo'], message: 'The oldest college age must be the same as or more than the youngest' });
		}
		if (Number(v.collegeAgeToWithEhcp) < Number(v.collegeAgeTo)) {
			ctx.addIssue({ code: 'custom', path: ['collegeAgeToWithEhcp'], message: 'The oldest age with an EHC plan must be the same as or more than the oldest age without one' });
		}
	});

export const slasSchema = z.object({
	version,
	triageWorkingDays: wholeNumber('working days to triage a referral', 1, 20, 1),
	mashWrittenReferralHours: wholeNumber('hours to send a written MASH referral', 1, 168, 24),
	mashDecisionWorkingDays: wholeNumber('working days to expect a MASH decision', 1, 20, 1),
	countersignWorkingDays: wholeNumber('working days to countersign a decision', 1, 20, 1),
	followUpMonths: wholeNumber('months until the follow-up', 1, 24, 6),
	followUpChaseWorkingDays: wholeNumber('working days before chasing a follow-up', 1, 60, 10)
});

/** How long a diversion-only record is kept after its case closes (DOMAIN.md §7). */
export const retentionSettingSchema = z.object({
	version,
	diversionYears: wholeNumber('number of years', 1, 25, 3)
});

export const smallNumbersSchema = z
	.object({
		thresholdVersion: version,
		denominatorVersion: version,
		// 3 at least: with 2, "<2" can only mean 1 and hides nothing (src/lib/server/reports/suppression.ts).
		suppressionThreshold: wholeNumber('small-number threshold', 3, 20, 5),
		minimumDenominator: wholeNumber('fewest cases for a percentage', 2, 100, 10)
	})
	.superRefine((v, ctx) => {
		if (Number(v.minimumDenominator) < Number(v.suppressionThreshold)) {
			ctx.addIssue({ code: 'custom', path: ['minimumDenominator'], message: 'The fewest cases for a percentage must be at least the small-number threshold' });
		}
	});

export const MODULE_TITLE_MAX = 120;
export const MODULES_MAX = 30;

/** The module set edited as a whole: titles in order, and the row numbers (from 0) that are core. */
export const moduleSetSchema = z
	.object({
		setId: z.string().max(40),
		titles: z.array(z.string().trim().max(MODULE_TITLE_MAX, `Module titles must be ${MODULE_TITLE_MAX} characters or fewer`)).max(MODULES_MAX, `A programme can have up to ${MODULES_MAX} modules`),
		core: z.array(z.string().max(3)).max(MODULES_MAX)
	})
	.superRefine((v, ctx) => {
		v.titles.forEach((title, i) => {
			if (title === '') ctx.addIssue({ code: 'custom', path: ['titles', i], message: `Enter a title for module ${i + 1}` });
		});
		if (v.titles.length === 0) ctx.addIssue({ code: 'custom', path: ['titles'], message: 'Add at least one module' });
		else if (!v.core.some((i) => Number(i) < v.titles.length)) ctx.addIssue({ code: 'custom', path: ['core'], message: 'Select at least one core module' });
	});

export const bankHolidaySchema = z
	.object({
		dateDay: z.string().max(DATE_PART_MAX),
		dateMonth: z.string().max(DATE_PART_MAX),
		dateYear: z.string().max(DATE_PART_MAX),
		name: z.string().trim().min(1, 'Enter the name of the bank holiday').max(80, 'Name must be 80 characters or fewer')
	})
	.superRefine((v, ctx) => {
		checkDateFields(v, 'date', 'date of the bank holiday', ctx);
	});

export const removeBankHolidaySchema = z.object({ date: z.string().max(10).regex(/^\d{4}-\d{2}-\d{2}$/) });

export const TERMS = ['autumn', 'spring', 'summer'] as const;
export type Term = (typeof TERMS)[number];
export type TermEdge = `${Term}${'Start' | 'End'}`;
type TermPartField = DatePartField<TermEdge>;
export const TERM_EDGES: readonly TermEdge[] = TERMS.flatMap((term) => [`${term}Start`, `${term}End`] as const);

const part = z.string().max(DATE_PART_MAX, 'Enter a real date');
const termParts = Object.fromEntries(TERM_EDGES.flatMap((edge) => ['Day', 'Month', 'Year'].map((p) => [`${edge}${p}`, part]))) as Record<TermPartField, typeof part>;

/** "first day of the autumn term": the words the form's legends and its error messages share. */
export function termEdgeLabel(edge: TermEdge): string {
	return edge.endsWith('Start') ? `first day of the ${edge.slice(0, -5)} term` : `last day of the ${edge.slice(0, -3)} term`;
}

/** 2026 → "2026/27": the year an academic year starts in, as schools write it. */
export function academicYearLabel(year: number): string {
	return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

export type TermDatesInput = Record<Term, { startsOn: string; endsOn: string }>;

/**
 * The rules for a year's term dates, shared by the form and the domain: each term starts on or before it
 * ends, the terms follow one another, and all fall within 1 August to 31 August of the following year.
 */
export function termDateProblems(academicYear: number, terms: TermDatesInput): { edge: TermEdge; message: string }[] {
	const problems: { edge: TermEdge; message: string }[] = [];
	const first = `${academicYear}-08-01`;
	const last = `${academicYear + 1}-08-31`;
	for (const term of TERMS) {
		for (const [edge, date] of [[`${term}Start`, terms[term].startsOn], [`${term}End`, terms[term].endsOn]] as const) {
			if (date < first || date > last) {
				problems.push({ edge, message: `${capitalise(termEdgeLabel(edge))} must be between 1 August ${academicYear} and 31 August ${academicYear + 1}` });
			}
		}
	}
	TERMS.forEach((term, i) => {
		const { startsOn, endsOn } = terms[term];
		if (endsOn < startsOn) problems.push({ edge: `${term}End`, message: `The ${term} term must end on or after the day it starts` });
		const previous = TERMS[i - 1];
		if (previous && startsOn <= terms[previous].endsOn) problems.push({ edge: `${term}Start`, message: `The ${term} term must start after the ${previous} term ends` });
	});
	return problems;
}

/** The date at one edge of a term: its start or its end. */
export function edgeDate(terms: Partial<TermDatesInput>, edge: TermEdge): string | undefined {
	for (const term of TERMS) {
		if (edge === `${term}Start`) return terms[term]?.startsOn;
		if (edge === `${term}End`) return terms[term]?.endsOn;
	}
	return undefined;
}

/** The three terms from dates keyed by edge, or null while any is missing. */
export function termsFromEdges(iso: Partial<Record<TermEdge, string>>): TermDatesInput | null {
	const terms: Partial<TermDatesInput> = {};
	for (const term of TERMS) {
		const startsOn = iso[`${term}Start`];
		const endsOn = iso[`${term}End`];
		if (!startsOn || !endsOn) return null;
		terms[term] = { startsOn, endsOn };
	}
	return terms as TermDatesInput;
}

export const termDatesSchema = z
	.object({ academicYear: z.number().int().min(2000).max(2100), version: z.string().max(64), ...termParts })
	.superRefine((v, ctx) => {
		const iso: Partial<Record<TermEdge, string>> = {};
		for (const edge of TERM_EDGES) iso[edge] = checkDateFields(v, edge, termEdgeLabel(edge), ctx) ?? undefined;
		const terms = termsFromEdges(iso);
		if (!terms) return;
		for (const problem of termDateProblems(v.academicYear, terms)) {
			ctx.addIssue({ code: 'custom', path: [`${problem.edge}Day`], message: problem.message });
		}
	});

export const PHONE_FIELDS = ['mashPhone', 'emergencyDutyPhone', 'policeNonEmergencyPhone', 'yotPhone', 'camhsCrisisPhone'] as const;
export type PhoneField = (typeof PHONE_FIELDS)[number];
export const PHONE_LABELS: Record<PhoneField, string> = {
	mashPhone: 'MASH (multi-agency safeguarding hub)',
	emergencyDutyPhone: 'Out-of-hours emergency duty team',
	policeNonEmergencyPhone: 'Police non-emergency',
	yotPhone: 'Youth offending team (YOT)',
	camhsCrisisPhone: 'CAMHS crisis line'
};

function phone(field: PhoneField) {
	const label = `${PHONE_LABELS[field]} phone number`;
	// Mid-sentence the label is lower case, except where it starts with an acronym (MASH, CAMHS).
	const inSentence = /^[A-Z]{2,}\b/.test(label) ? label : `${label[0]?.toLowerCase() ?? ''}${label.slice(1)}`;
	return z
		.string()
		.trim()
		.min(1, `Enter the ${inSentence}`)
		.max(40, `${label} must be 40 characters or fewer`)
		.regex(/^[0-9 +()]+$/, `${label} must contain only numbers, spaces, + and brackets, like 0121 303 1888`)
		.refine((v) => (v.match(/\d/g)?.length ?? 0) >= 3, `Enter the full ${inSentence}`);
}

export const localNumbersSchema = z.object({
	mashPhone: phone('mashPhone'),
	emergencyDutyPhone: phone('emergencyDutyPhone'),
	policeNonEmergencyPhone: phone('policeNonEmergencyPhone'),
	yotPhone: phone('yotPhone'),
	camhsCrisisPhone: phone('camhsCrisisPhone')
});

export const localContactSchema = localNumbersSchema.extend({
	version,
	localAuthority: z.string().trim().min(1, 'Enter the name of the local authority').max(100, 'Local authority must be 100 characters or fewer')
});

/** Whole pounds as typed ("£1,500" or "1500"), up to £10,000,000. */
export const POUNDS_MAX = 10_000_000;
export const readPounds = (typed: string) => Number(typed.replace(/[£,\s]/g, ''));

function pounds(label: string, example: string) {
	const Label = capitalise(label);
	return z
		.string()
		.trim()
		.min(1, `Enter the ${label}`)
		.max(20, `${Label} must be £${POUNDS_MAX.toLocaleString('en-GB')} or less`)
		.regex(/^£?\s*[\d,]+$/, `${Label} must be a whole number of pounds, like ${example}`)
		.refine((v) => readPounds(v) <= POUNDS_MAX, `${Label} must be £${POUNDS_MAX.toLocaleString('en-GB')} or less`);
}

const source = (what: string) => z.string().trim().min(1, `Enter where the ${what} comes from`).max(300, 'The source must be 300 characters or fewer');

/** The unit costs behind the service report's estimate of costs avoided, each with where it comes from. */
export const unitCostsSchema = z.object({
	version,
	suspensionDayPounds: pounds('cost of a day’s suspension', '£100'),
	suspensionDaySource: source('cost of a day’s suspension'),
	permanentExclusionPounds: pounds('cost of a permanent exclusion', '£100,000'),
	permanentExclusionSource: source('cost of a permanent exclusion')
});
