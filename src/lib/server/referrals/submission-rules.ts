import { SECTIONS, type SectionKey } from '$lib/schemas/referral/sections';
import { readDate } from '$lib/schemas/fields';

/**
 * Whether a referral can be submitted: every section complete, plus the rules that span sections
 * (eligibility from settings, consent by age). Pure (DOMAIN.md §3 step 2).
 */
export interface Eligibility {
	schoolYearFrom: number;
	schoolYearTo: number;
	collegeAgeFrom: number;
	collegeAgeTo: number;
	collegeAgeToWithEhcp: number;
}

export interface SubmissionInput {
	sections: Partial<Record<SectionKey, { data: Record<string, unknown>; complete: boolean }>>;
	isCollege: boolean;
	eligibility: Eligibility;
	/** Today in London, YYYY-MM-DD. */
	today: string;
}

export interface Problem {
	section: SectionKey;
	message: string;
}

export function ageOn(dobIso: string, onIso: string): number {
	const [by, bm, bd] = dobIso.split('-').map(Number) as [number, number, number];
	const [y, m, d] = onIso.split('-').map(Number) as [number, number, number];
	return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function isCollegeType(type: string): boolean {
	return /college/i.test(type);
}

export function submissionProblems(input: SubmissionInput): Problem[] {
	const problems: Problem[] = [];
	for (const section of SECTIONS) {
		if (!input.sections[section.key]?.complete) problems.push({ section: section.key, message: `Complete “${section.title}”` });
	}
	const pupil = input.sections.pupil?.data;
	const consent = input.sections.consent?.data;
	const text = (data: Record<string, unknown> | undefined, key: string) => String(data?.[key] ?? '');
	const dob = readDate('Date of birth', text(pupil, 'dobDay'), text(pupil, 'dobMonth'), text(pupil, 'dobYear'));
	if (dob.ok === true) {
		const age = ageOn(dob.iso, input.today);
		const e = input.eligibility;
		if (input.isCollege) {
			const limit = text(pupil, 'sen') === 'E' ? e.collegeAgeToWithEhcp : e.collegeAgeTo;
			if (age < e.collegeAgeFrom || age > limit) {
				problems.push({
					section: 'pupil',
					message: `The programme takes college students aged ${e.collegeAgeFrom} to ${e.collegeAgeTo}, or up to ${e.collegeAgeToWithEhcp} with an EHC plan. This student is ${age}`
				});
			}
		} else {
			const year = Number(text(pupil, 'yearGroup'));
			if (!Number.isInteger(year) || year < e.schoolYearFrom || year > e.schoolYearTo) {
				problems.push({ section: 'pupil', message: `The programme takes pupils in years ${e.schoolYearFrom} to ${e.schoolYearTo}` });
			}
		}
		if (consent && age < 16 && text(consent, 'parentConsent') === 'no') {
			problems.push({
				section: 'consent',
				message: 'A pupil under 16 needs a parent or carer’s consent, unless telling them would put the young person at risk (record why)'
			});
		}
	}
	if (consent && text(consent, 'youngPersonAgreed') === 'no') {
		problems.push({ section: 'consent', message: 'The programme is voluntary: the young person must agree to take part before you refer them' });
	}
	return problems;
}
