import { describe, expect, it } from 'vitest';
import { ageOn, submissionProblems, type SubmissionInput } from './submission-rules';

const eligibility = { schoolYearFrom: 7, schoolYearTo: 13, collegeAgeFrom: 16, collegeAgeTo: 18, collegeAgeToWithEhcp: 25 };
const complete = (data: Record<string, unknown> = {}) => ({ data, complete: true });

function input(pupil: Record<string, unknown>, consent: Record<string, unknown>, isCollege = false): SubmissionInput {
	return {
		sections: { safety: complete(), pupil: complete(pupil), family: complete(), incident: complete(), decision: complete(), consent: complete(consent) },
		isCollege,
		eligibility,
		today: '2026-11-26'
	};
}
const dob = (iso: string) => {
	const [y, m, d] = iso.split('-');
	return { dobYear: y, dobMonth: m, dobDay: d };
};
const agreed = { parentConsent: 'yes', youngPersonAgreed: 'yes' };

describe('submission rules', () => {
	it('accepts a complete, eligible referral', () => {
		expect(submissionProblems(input({ ...dob('2012-03-01'), yearGroup: '9', sen: 'N' }, agreed))).toEqual([]);
	});

	it('names every incomplete section', () => {
		const problems = submissionProblems({ sections: { safety: complete() }, isCollege: false, eligibility, today: '2026-11-26' });
		expect(problems.map((p) => p.section)).toEqual(['pupil', 'family', 'incident', 'decision', 'consent']);
	});

	it('refuses a school pupil outside years 7 to 13', () => {
		expect(submissionProblems(input({ ...dob('2016-03-01'), yearGroup: 'none' }, agreed))[0]?.message).toMatch(/years 7 to 13/);
	});

	it('takes college students 16 to 18, and up to 25 with an EHC plan', () => {
		expect(submissionProblems(input({ ...dob('2008-01-01'), yearGroup: 'none', sen: 'N' }, agreed, true))).toEqual([]);
		expect(submissionProblems(input({ ...dob('2005-01-01'), yearGroup: 'none', sen: 'N' }, agreed, true))[0]?.message).toMatch(/aged 16 to 18/);
		expect(submissionProblems(input({ ...dob('2005-01-01'), yearGroup: 'none', sen: 'E' }, agreed, true))).toEqual([]);
		expect(submissionProblems(input({ ...dob('2000-01-01'), yearGroup: 'none', sen: 'E' }, agreed, true))[0]?.message).toMatch(/This student is 26/);
	});

	it('needs a parent’s consent under 16 unless a parent is not told for the child’s safety', () => {
		expect(submissionProblems(input({ ...dob('2012-03-01'), yearGroup: '9' }, { parentConsent: 'no', youngPersonAgreed: 'yes' }))[0]?.message).toMatch(/under 16/);
		expect(submissionProblems(input({ ...dob('2012-03-01'), yearGroup: '9' }, { parentConsent: 'not_told', youngPersonAgreed: 'yes' }))).toEqual([]);
	});

	it('lets a young person of 16 consent for themselves', () => {
		expect(submissionProblems(input({ ...dob('2010-01-01'), yearGroup: '11' }, { parentConsent: 'no', youngPersonAgreed: 'yes' }))).toEqual([]);
	});

	it('refuses a referral the young person has not agreed to', () => {
		expect(submissionProblems(input({ ...dob('2012-03-01'), yearGroup: '9' }, { parentConsent: 'yes', youngPersonAgreed: 'no' }))[0]?.message).toMatch(/voluntary/);
	});

	it('counts age in whole years, turning over on the birthday', () => {
		expect(ageOn('2010-11-26', '2026-11-25')).toBe(15);
		expect(ageOn('2010-11-26', '2026-11-26')).toBe(16);
	});
});
