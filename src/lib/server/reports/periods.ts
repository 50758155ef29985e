/**
 * Report periods (DOMAIN.md §5), pure: an academic year runs 1 September to 31 August, terms come from
 * the service's term dates, a financial year runs 1 April to 31 March in quarters. Dates are London
 * calendar dates (YYYY-MM-DD) and ranges include both ends.
 */
export type PeriodKind = 'academic-year' | 'term' | 'financial-year' | 'quarter';

export interface Period {
	kind: PeriodKind;
	/** Stable key for links and forms: `ay-2025`, `term-2025-autumn`, `fy-2025`, `fq-2025-2`. */
	key: string;
	label: string;
	from: string;
	to: string;
}

export interface TermRange {
	term: string;
	label: string;
	startsOn: string;
	endsOn: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const yearLabel = (y: number) => `${y}/${pad((y + 1) % 100)}`;

export function academicYear(startYear: number): Period {
	return { kind: 'academic-year', key: `ay-${startYear}`, label: `Academic year ${yearLabel(startYear)}`, from: `${startYear}-09-01`, to: `${startYear + 1}-08-31` };
}

export function financialYear(startYear: number): Period {
	return { kind: 'financial-year', key: `fy-${startYear}`, label: `Financial year ${yearLabel(startYear)}`, from: `${startYear}-04-01`, to: `${startYear + 1}-03-31` };
}

const QUARTER_MONTHS = [
	[4, 6],
	[7, 9],
	[10, 12],
	[1, 3]
] as const;

function lastDayOf(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Quarter 1 is April to June of the financial year starting in `startYear`; quarter 4 is January to March after it. */
export function financialQuarter(startYear: number, quarter: 1 | 2 | 3 | 4): Period {
	const [first, last] = QUARTER_MONTHS[quarter - 1] ?? QUARTER_MONTHS[0];
	const year = quarter === 4 ? startYear + 1 : startYear;
	return {
		kind: 'quarter',
		key: `fq-${startYear}-${quarter}`,
		label: `Quarter ${quarter} of ${yearLabel(startYear)}`,
		from: `${year}-${pad(first)}-01`,
		to: `${year}-${pad(last)}-${pad(lastDayOf(year, last))}`
	};
}

export function termPeriod(startYear: number, term: TermRange): Period {
	return { kind: 'term', key: `term-${startYear}-${term.term}`, label: `${term.label} term ${yearLabel(startYear)}`, from: term.startsOn, to: term.endsOn };
}

/** The academic year (by its starting year) a date falls in. */
export function academicYearOf(isoDate: string): number {
	const [year = 0, month = 0] = isoDate.split('-').map(Number);
	return month >= 9 ? year : year - 1;
}

/** The financial year (by its starting year) a date falls in. */
export function financialYearOf(isoDate: string): number {
	const [year = 0, month = 0] = isoDate.split('-').map(Number);
	return month >= 4 ? year : year - 1;
}

/**
 * The period before this one, to show beside it: the previous academic or financial year, the
 * previous quarter, or the previous term (from the terms given; null when that term has no dates).
 */
export function previousPeriod(period: Period, termsByYear: (startYear: number) => TermRange[]): Period | null {
	const parts = period.key.split('-');
	const year = Number(parts[1]);
	switch (period.kind) {
		case 'academic-year':
			return academicYear(year - 1);
		case 'financial-year':
			return financialYear(year - 1);
		case 'quarter': {
			const q = Number(parts[2]);
			return q === 1 ? financialQuarter(year - 1, 4) : financialQuarter(year, (q - 1) as 1 | 2 | 3);
		}
		case 'term': {
			const terms = termsByYear(year);
			const index = terms.findIndex((t) => t.term === parts.slice(2).join('-'));
			if (index > 0) {
				const before = terms[index - 1];
				return before ? termPeriod(year, before) : null;
			}
			const last = termsByYear(year - 1).at(-1);
			return last ? termPeriod(year - 1, last) : null;
		}
	}
}

/** Adds whole months to an ISO date, keeping to the last day of a shorter month. */
export function addMonths(isoDate: string, months: number): string {
	const [y = 0, m = 1, d = 1] = isoDate.split('-').map(Number);
	const total = y * 12 + (m - 1) + months;
	const year = Math.floor(total / 12);
	const month = (total % 12) + 1;
	return `${year}-${pad(month)}-${pad(Math.min(d, lastDayOf(year, month)))}`;
}

/**
 * Whether a measure taken `months` after its key date can be complete for this period yet: every
 * case in the period has reached it only once the period's last day plus that time has passed.
 */
export function hasMatured(period: Period, months: number, today: string): boolean {
	return addMonths(period.to, months) < today;
}
