import { describe, expect, it } from 'vitest';
import { academicYear, academicYearOf, addMonths, financialQuarter, financialYear, financialYearOf, hasMatured, previousPeriod, termPeriod, type TermRange } from './periods';

const TERMS: Record<number, TermRange[]> = {
	2025: [
		{ term: 'autumn', label: 'Autumn', startsOn: '2025-09-03', endsOn: '2025-12-19' },
		{ term: 'spring', label: 'Spring', startsOn: '2026-01-05', endsOn: '2026-03-27' },
		{ term: 'summer', label: 'Summer', startsOn: '2026-04-13', endsOn: '2026-07-22' }
	],
	2026: [{ term: 'autumn', label: 'Autumn', startsOn: '2026-09-02', endsOn: '2026-12-18' }]
};
const termsOf = (year: number) => TERMS[year] ?? [];

describe('report periods', () => {
	it('runs an academic year from 1 September to 31 August', () => {
		expect(academicYear(2025)).toEqual({ kind: 'academic-year', key: 'ay-2025', label: 'Academic year 2025/26', from: '2025-09-01', to: '2026-08-31' });
		expect(academicYearOf('2026-08-31')).toBe(2025);
		expect(academicYearOf('2026-09-01')).toBe(2026);
	});

	it('runs a financial year from 1 April to 31 March, quarter 4 in the next calendar year', () => {
		expect(financialYear(2026)).toMatchObject({ from: '2026-04-01', to: '2027-03-31', label: 'Financial year 2026/27' });
		expect(financialQuarter(2026, 1)).toMatchObject({ from: '2026-04-01', to: '2026-06-30' });
		expect(financialQuarter(2026, 3)).toMatchObject({ from: '2026-10-01', to: '2026-12-31' });
		expect(financialQuarter(2026, 4)).toMatchObject({ key: 'fq-2026-4', from: '2027-01-01', to: '2027-03-31' });
		expect(financialYearOf('2027-03-31')).toBe(2026);
		expect(financialYearOf('2027-04-01')).toBe(2027);
	});

	it('names the period before: the year before, the quarter before across a year, the term before across a year', () => {
		expect(previousPeriod(academicYear(2026), termsOf)?.key).toBe('ay-2025');
		expect(previousPeriod(financialQuarter(2026, 1), termsOf)?.key).toBe('fq-2025-4');
		expect(previousPeriod(financialQuarter(2026, 3), termsOf)?.key).toBe('fq-2026-2');
		const spring = TERMS[2025]?.[1];
		const autumn26 = TERMS[2026]?.[0];
		if (!spring || !autumn26) throw new Error('fixture');
		expect(previousPeriod(termPeriod(2025, spring), termsOf)).toMatchObject({ key: 'term-2025-autumn', from: '2025-09-03', to: '2025-12-19' });
		expect(previousPeriod(termPeriod(2026, autumn26), termsOf)).toMatchObject({ key: 'term-2025-summer', label: 'Summer term 2025/26' });
		const firstEver = TERMS[2025]?.[0];
		if (!firstEver) throw new Error('fixture');
		expect(previousPeriod(termPeriod(2025, firstEver), termsOf)).toBeNull();
	});

	it('adds months keeping to the end of a shorter month', () => {
		expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
		expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
		expect(addMonths('2026-01-15', 12)).toBe('2027-01-15');
		expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
	});

	it('says a 6-month measure has matured only once the period end plus 6 months has passed', () => {
		const year = academicYear(2025);
		expect(hasMatured(year, 6, '2027-02-28')).toBe(false);
		expect(hasMatured(year, 6, '2027-03-01')).toBe(true);
		expect(hasMatured(year, 0, '2026-09-01')).toBe(true);
	});
});
