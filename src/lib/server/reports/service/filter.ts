import { PERIOD_KINDS } from '$lib/reports/period-kinds';
import { academicYear, academicYearOf, financialQuarter, financialYear, financialYearOf, previousPeriod, termPeriod, type Period, type PeriodKind, type TermRange } from '../periods';

/**
 * The service report's filter (DOMAIN.md §5): an optional school of the service, and a period by
 * academic year and term or by financial year and quarter. Read from a GET form, so it works without
 * JavaScript: an unknown or mismatched value falls back to a sensible period, never an error.
 */
export interface ServiceFilter {
	schoolId: string | null;
	kind: PeriodKind;
	/** A period key (`fy-2025`, `fq-2025-2`, `ay-2025`, `term-2025-autumn`); null for the current one of `kind`. */
	period: string | null;
}

export { PERIOD_KINDS };

const isKind = (value: string | null): value is PeriodKind => PERIOD_KINDS.some((k) => k.value === value);

/** The filter in a request's query string: `school`, `kind`, `period`. */
export function readFilter(query: URLSearchParams): ServiceFilter {
	const kind = query.get('kind');
	const period = query.get('period')?.slice(0, 40) || null;
	const fromPeriod = period ? kindOfKey(period) : null;
	return { schoolId: query.get('school')?.slice(0, 60) || null, kind: isKind(kind) ? kind : (fromPeriod ?? 'financial-year'), period };
}

function kindOfKey(key: string): PeriodKind | null {
	if (/^fy-\d{4}$/.test(key)) return 'financial-year';
	if (/^fq-\d{4}-[1-4]$/.test(key)) return 'quarter';
	if (/^ay-\d{4}$/.test(key)) return 'academic-year';
	if (/^term-\d{4}-[a-z]+$/.test(key)) return 'term';
	return null;
}

/** Terms by academic year, from the service's term dates. */
export type TermsByYear = (startYear: number) => TermRange[];

const quarterOf = (isoDate: string): 1 | 2 | 3 | 4 => {
	const month = Number(isoDate.slice(5, 7));
	return month >= 10 ? 3 : month >= 7 ? 2 : month >= 4 ? 1 : 4;
};

/** The period of `kind` that holds `isoDate` (a term: the one it falls in, or the last one before it). */
export function periodHolding(kind: PeriodKind, isoDate: string, terms: TermsByYear): Period | null {
	switch (kind) {
		case 'financial-year':
			return financialYear(financialYearOf(isoDate));
		case 'quarter':
			return financialQuarter(financialYearOf(isoDate), quarterOf(isoDate));
		case 'academic-year':
			return academicYear(academicYearOf(isoDate));
		case 'term': {
			const year = academicYearOf(isoDate);
			const candidates = [...terms(year - 1).map((t) => termPeriod(year - 1, t)), ...terms(year).map((t) => termPeriod(year, t))];
			return candidates.filter((p) => p.from <= isoDate).at(-1) ?? null;
		}
	}
}

/** Every period of each kind from `firstYear` to the one holding `today`, newest first: the filter's choices. */
export function periodChoices(firstYear: number, today: string, terms: TermsByYear): Record<PeriodKind, Period[]> {
	const lastFy = financialYearOf(today);
	const lastAy = academicYearOf(today);
	const choices: Record<PeriodKind, Period[]> = { 'financial-year': [], quarter: [], 'academic-year': [], term: [] };
	for (let year = lastFy; year >= Math.min(firstYear, lastFy); year--) {
		choices['financial-year'].push(financialYear(year));
		for (const q of [4, 3, 2, 1] as const) if (financialQuarter(year, q).from <= today) choices.quarter.push(financialQuarter(year, q));
	}
	for (let year = lastAy; year >= Math.min(firstYear, lastAy); year--) {
		choices['academic-year'].push(academicYear(year));
		for (const term of [...terms(year)].reverse()) if (term.startsOn <= today) choices.term.push(termPeriod(year, term));
	}
	return choices;
}

/**
 * The period the filter asks for: its key when it is one of the choices of its kind; otherwise the
 * period of the chosen kind holding today when the chosen period has not ended, or else its first day
 * (a kind changed without changing the period, with JavaScript off).
 */
export function resolvePeriod(filter: ServiceFilter, choices: Record<PeriodKind, Period[]>, today: string, terms: TermsByYear): Period | null {
	const all = Object.values(choices).flat();
	const chosen = filter.period ? all.find((p) => p.key === filter.period) : undefined;
	if (chosen && chosen.kind === filter.kind) return chosen;
	const anchor = chosen && chosen.to < today ? chosen.from : today;
	const holding = periodHolding(filter.kind, anchor, terms);
	return (holding && choices[filter.kind].find((p) => p.key === holding.key)) ?? choices[filter.kind][0] ?? null;
}

/** The periods before `period` of the same kind, oldest first, for the trend (at most `count`). */
export function earlierPeriods(period: Period, count: number, terms: TermsByYear): Period[] {
	const earlier: Period[] = [];
	for (let cursor = previousPeriod(period, terms); cursor && earlier.length < count; cursor = previousPeriod(cursor, terms)) earlier.unshift(cursor);
	return earlier;
}
