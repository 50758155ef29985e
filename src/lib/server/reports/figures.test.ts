import { describe, expect, it } from 'vitest';
import { describeRule, difference, percentage } from './figures';
import type { Cell } from './suppression';

const shown = (value: number): Cell => ({ value, display: String(value), suppressed: null });
const small: Cell = { value: null, display: '<5', suppressed: 'primary' };
const hidden: Cell = { value: null, display: 'hidden', suppressed: 'secondary' };

describe('figures worked out from suppressed counts', () => {
	it('gives a whole-number percentage when at least the minimum number of people are counted', () => {
		expect(percentage(shown(7), shown(12), 10)).toEqual({ value: 58, display: '58%', withheld: null });
		expect(percentage(shown(0), shown(10), 10)).toEqual({ value: 0, display: '0%', withheld: null });
	});

	it('shows no percentage of fewer than the minimum, and says why', () => {
		expect(percentage(shown(6), shown(9), 10)).toEqual({ value: null, display: 'not shown: fewer than 10', withheld: 'too few' });
	});

	it('shows no percentage of a hidden count, which would give the count back', () => {
		expect(percentage(small, shown(40), 10)).toMatchObject({ value: null, withheld: 'count hidden' });
		expect(percentage(shown(6), hidden, 10)).toMatchObject({ value: null, withheld: 'count hidden' });
	});

	it('shows the change between periods only when both counts are printed', () => {
		expect(difference(shown(12), shown(9)).display).toBe('+3');
		expect(difference(shown(9), shown(12)).display).toBe('−3');
		expect(difference(shown(9), shown(9)).display).toBe('no change');
		expect(difference(shown(12), small)).toEqual({ value: null, display: 'hidden' });
	});

	it('states the rule with the service\'s own threshold and minimum', () => {
		expect(describeRule(5, 10)).toBe(
			'Counts of 1 to 4 are shown as <5, and so is every group of a total under 5. Other figures are hidden where they would let someone work a hidden one out, and in the rare case where that is not enough a breakdown is withheld whole, zeros included. Percentages are not shown when fewer than 10 people are counted.'
		);
		expect(describeRule(10, 20)).toMatch(/^Counts of 1 to 9 are shown as <10.*fewer than 20 people/);
	});
});
