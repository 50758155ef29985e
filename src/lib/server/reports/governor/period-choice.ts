import { TERMS } from '$lib/schemas/admin-settings';
import type { AcademicYearTerms } from '../../settings/term-dates';
import { academicYear, academicYearOf, previousPeriod, termPeriod, type Period, type TermRange } from '../periods';

/**
 * The periods a governor can choose (DOMAIN.md §5): academic years, 1 September to 31 August, and the
 * terms of those years that have dates in settings. Pure: the term dates and today are passed in.
 */
const TERM_LABELS: Record<string, string> = { autumn: 'Autumn', spring: 'Spring', summer: 'Summer' };
const YEARS_OFFERED = 5;
/** Periods in the trend chart, the chosen one included. */
export const TREND_PERIODS = 4;

export function termRanges(termYears: readonly AcademicYearTerms[]): (startYear: number) => TermRange[] {
	return (startYear) => {
		const terms = termYears.find((y) => y.academicYear === startYear)?.terms ?? {};
		return TERMS.flatMap((term) => {
			const dates = terms[term];
			return dates ? [{ term, label: TERM_LABELS[term] ?? term, startsOn: dates.startsOn, endsOn: dates.endsOn }] : [];
		});
	};
}

export interface PeriodChoices {
	years: Period[];
	/** Terms that have begun, newest first. */
	terms: Period[];
}

export function periodChoices(today: string, termYears: readonly AcademicYearTerms[]): PeriodChoices {
	const current = academicYearOf(today);
	const ranges = termRanges(termYears);
	const startYears = Array.from({ length: YEARS_OFFERED }, (_, i) => current - i);
	return {
		years: startYears.map(academicYear),
		terms: startYears.flatMap((year) => ranges(year).map((range) => termPeriod(year, range)).filter((p) => p.from <= today).reverse())
	};
}

/** The chosen period, or the current academic year when the key is missing or not on offer. */
export function choosePeriod(key: string | null, choices: PeriodChoices): Period {
	const all = [...choices.years, ...choices.terms];
	return all.find((p) => p.key === key) ?? (choices.years[0] as Period);
}

/** The chosen period and those before it, newest first, as far as term dates reach. */
export function periodsBack(period: Period, termYears: readonly AcademicYearTerms[], count = TREND_PERIODS): Period[] {
	const ranges = termRanges(termYears);
	const out = [period];
	for (let p = previousPeriod(period, ranges); p && out.length < count; p = previousPeriod(p, ranges)) out.push(p);
	return out;
}
