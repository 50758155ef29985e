import { describe, expect, it } from 'vitest';
import { academicYearLabel, checkDate, eligibilitySchema, localContactSchema, moduleSetSchema, smallNumbersSchema, termDateProblems, termDatesSchema } from './admin-settings';

function messages(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
	// The first message for each field, as the page shows it.
	const out: Record<string, string> = {};
	for (const issue of result.error?.issues ?? []) out[issue.path.join('.')] ??= issue.message;
	return out;
}

function termForm(dates: Record<string, string>, academicYear = 2026) {
	const fields: Record<string, string | number> = { academicYear, version: 'v' };
	for (const [edge, iso] of Object.entries(dates)) {
		const [y = '', m = '', d = ''] = iso.split('-');
		Object.assign(fields, { [`${edge}Day`]: d, [`${edge}Month`]: m, [`${edge}Year`]: y });
	}
	return fields;
}

const GOOD_TERMS = { autumnStart: '2026-09-03', autumnEnd: '2026-12-18', springStart: '2027-01-05', springEnd: '2027-03-26', summerStart: '2027-04-12', summerEnd: '2027-07-21' };

describe('dates typed as day, month and year', () => {
	it('reads a real date as ISO', () => {
		expect(checkDate('3', '9', '2026', 'start date')).toEqual({ ok: true, iso: '2026-09-03' });
	});

	it('says which part is missing, in the GOV.UK words', () => {
		expect(checkDate('', '', '', 'start date')).toMatchObject({ ok: false, empty: true, message: 'Enter the start date' });
		expect(checkDate('3', '', '', 'start date')).toMatchObject({ part: 'Month', message: 'Start date must include a month and year' });
	});

	it('refuses a date that does not exist', () => {
		expect(checkDate('30', '2', '2027', 'start date')).toMatchObject({ ok: false, message: 'Start date must be a real date' });
		expect(checkDate('1', '13', '2027', 'start date')).toMatchObject({ ok: false, message: 'Start date must be a real date' });
		expect(checkDate('1', '1', '27', 'start date')).toMatchObject({ ok: false, part: 'Year' });
	});
});

describe('term dates', () => {
	it('accepts three terms in order within the academic year', () => {
		expect(termDatesSchema.safeParse(termForm(GOOD_TERMS)).success).toBe(true);
		expect(academicYearLabel(2026)).toBe('2026/27');
		expect(academicYearLabel(2099)).toBe('2099/00');
	});

	it('refuses a term that ends before it starts', () => {
		const problems = termDateProblems(2026, {
			autumn: { startsOn: '2026-09-03', endsOn: '2026-09-01' },
			spring: { startsOn: '2027-01-05', endsOn: '2027-03-26' },
			summer: { startsOn: '2027-04-12', endsOn: '2027-07-21' }
		});
		expect(problems).toEqual([{ edge: 'autumnEnd', message: 'The autumn term must end on or after the day it starts' }]);
	});

	it('refuses terms out of order', () => {
		const result = termDatesSchema.safeParse(termForm({ ...GOOD_TERMS, springStart: '2026-12-01' }));
		expect(messages(result)).toEqual({ springStartDay: 'The spring term must start after the autumn term ends' });
	});

	it('refuses dates outside 1 August to 31 August of the following year', () => {
		const result = termDatesSchema.safeParse(termForm({ ...GOOD_TERMS, autumnStart: '2026-07-31', summerEnd: '2027-09-01' }));
		expect(messages(result)).toEqual({
			autumnStartDay: 'First day of the autumn term must be between 1 August 2026 and 31 August 2027',
			summerEndDay: 'Last day of the summer term must be between 1 August 2026 and 31 August 2027'
		});
	});

	it('puts a missing part of a date on that part', () => {
		const form = { ...termForm(GOOD_TERMS), springEndMonth: '' };
		expect(messages(termDatesSchema.safeParse(form))).toEqual({ springEndMonth: 'Last day of the spring term must include a month' });
	});
});

describe('number settings', () => {
	it('keeps first ≤ last for school years and ages', () => {
		const result = eligibilitySchema.safeParse({ version: 1, schoolYearFrom: '11', schoolYearTo: '9', collegeAgeFrom: '16', collegeAgeTo: '18', collegeAgeToWithEhcp: '17' });
		expect(messages(result)).toEqual({
			schoolYearTo: 'The last school year must be the same as or after the first',
			collegeAgeToWithEhcp: 'The oldest age with an EHC plan must be the same as or more than the oldest age without one'
		});
	});

	it('says what is wrong with a number typed as words', () => {
		const result = smallNumbersSchema.safeParse({ thresholdVersion: 0, denominatorVersion: 0, suppressionThreshold: 'five', minimumDenominator: '10' });
		expect(messages(result)).toEqual({ suppressionThreshold: 'Small-number threshold must be a whole number, like 5' });
	});

	it('refuses a percentage rule looser than the small-number threshold', () => {
		const result = smallNumbersSchema.safeParse({ thresholdVersion: 0, denominatorVersion: 0, suppressionThreshold: '10', minimumDenominator: '5' });
		expect(Object.keys(messages(result))).toEqual(['minimumDenominator']);
	});
});

describe('module and phone forms', () => {
	it('needs a title for every module and at least one core module', () => {
		const result = moduleSetSchema.safeParse({ setId: 'x', titles: ['Harm reduction', ''], core: [] });
		expect(messages(result)).toEqual({ 'titles.1': 'Enter a title for module 2', core: 'Select at least one core module' });
	});

	it('accepts phone numbers of digits, spaces, + and brackets only', () => {
		const base = { version: 0, localAuthority: 'Northmoor Council', mashPhone: '0121 303 1888', emergencyDutyPhone: '+44 (0)121 675 4806', policeNonEmergencyPhone: '101', yotPhone: '0121 464 0600', camhsCrisisPhone: '0300 300 0099' };
		expect(localContactSchema.safeParse(base).success).toBe(true);
		expect(messages(localContactSchema.safeParse({ ...base, mashPhone: '0121-303-1888' }))).toEqual({
			mashPhone: 'MASH (multi-agency safeguarding hub) phone number must contain only numbers, spaces, + and brackets, like 0121 303 1888'
		});
		expect(messages(localContactSchema.safeParse({ ...base, yotPhone: '1'.repeat(41) }))).toEqual({ yotPhone: 'Youth offending team (YOT) phone number must be 40 characters or fewer' });
		expect(messages(localContactSchema.safeParse({ ...base, emergencyDutyPhone: '', camhsCrisisPhone: '' }))).toEqual({
			emergencyDutyPhone: 'Enter the out-of-hours emergency duty team phone number',
			camhsCrisisPhone: 'Enter the CAMHS crisis line phone number'
		});
	});
});
