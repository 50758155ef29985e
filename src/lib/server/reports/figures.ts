import { HIDDEN, type Cell, type Figure } from './suppression';

/**
 * Figures worked out from suppressed cells (DOMAIN.md §5). Each is hidden whenever an input is hidden:
 * a percentage of a printed total, or a change from a printed previous period, would otherwise give the
 * hidden count straight back.
 */

export type Withheld = 'count hidden' | 'too few';

export interface Percentage extends Figure {
	readonly withheld: Withheld | null;
}

export function tooFewLabel(minimumDenominator: number): string {
	return `not shown: fewer than ${minimumDenominator}`;
}

/**
 * `numerator` as a whole-number percentage of `denominator`. Not shown when either count is hidden, nor
 * when fewer than `minimumDenominator` people are counted (one child is 10% of ten).
 */
export function percentage(numerator: Cell, denominator: Cell, minimumDenominator: number): Percentage {
	if (numerator.value === null || denominator.value === null) return { value: null, display: HIDDEN, withheld: 'count hidden' };
	if (denominator.value < minimumDenominator) return { value: null, display: tooFewLabel(minimumDenominator), withheld: 'too few' };
	if (numerator.value > denominator.value) throw new Error('A percentage cannot count more people than its denominator');
	const value = Math.round((numerator.value / denominator.value) * 100);
	return { value, display: `${value}%`, withheld: null };
}

/** `current - previous`, as "+3", "−2" or "no change"; hidden if either period's count is. */
export function difference(current: Cell, previous: Cell): Figure {
	if (current.value === null || previous.value === null) return { value: null, display: HIDDEN };
	const value = current.value - previous.value;
	if (value === 0) return { value, display: 'no change' };
	return { value, display: value > 0 ? `+${value.toLocaleString('en-GB')}` : `−${(-value).toLocaleString('en-GB')}` };
}

/** The sentence every report prints saying which rule it applied. */
export function describeRule(threshold: number, minimumDenominator: number): string {
	return (
		`Counts of 1 to ${threshold - 1} are shown as <${threshold}, and so is every group of a total under ${threshold}. ` +
		'Other figures are hidden where they would let someone work a hidden one out, and in the rare case where that is not enough a breakdown is withheld whole, zeros included. ' +
		`Percentages are not shown when fewer than ${minimumDenominator} people are counted.`
	);
}
