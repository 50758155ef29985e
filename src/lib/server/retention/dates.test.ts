import { describe, expect, it } from 'vitest';
import { addYears, nextReview, reviewDate } from './dates';

describe('retention review dates (DOMAIN.md §7)', () => {
	it('reviews a diversion-only record the set number of years after closure', () => {
		expect(reviewDate({ childProtection: false, dateOfBirth: '2011-05-10', closedOn: '2026-03-02' }, 3)).toEqual({ on: '2029-03-02', basis: 'diversion' });
		expect(reviewDate({ childProtection: false, dateOfBirth: '2011-05-10', closedOn: '2026-03-02' }, 7)).toEqual({ on: '2033-03-02', basis: 'diversion' });
	});

	it('keeps a child-protection record until the 25th birthday', () => {
		expect(reviewDate({ childProtection: true, dateOfBirth: '2011-05-10', closedOn: '2026-03-02' }, 3)).toEqual({ on: '2036-05-10', basis: 'child_protection' });
	});

	it('never reviews a child-protection record sooner than a diversion-only one closed the same day', () => {
		// A college student with an EHC plan, 24 at closure: the 25th birthday is next year.
		expect(reviewDate({ childProtection: true, dateOfBirth: '2002-01-20', closedOn: '2026-06-01' }, 3)).toEqual({ on: '2029-06-01', basis: 'child_protection' });
	});

	it('takes 1 March as the 25th birthday of someone born on 29 February, in a year without one', () => {
		expect(reviewDate({ childProtection: true, dateOfBirth: '2012-02-29', closedOn: '2026-03-02' }, 3)).toEqual({ on: '2037-03-01', basis: 'child_protection' });
		expect(addYears('2008-02-29', 28)).toBe('2036-02-29');
	});

	it('counts a period from a closure on 29 February to 1 March, a day longer rather than shorter', () => {
		expect(reviewDate({ childProtection: false, dateOfBirth: null, closedOn: '2028-02-29' }, 3)).toEqual({ on: '2031-03-01', basis: 'diversion' });
		expect(reviewDate({ childProtection: false, dateOfBirth: null, closedOn: '2028-02-29' }, 4)).toEqual({ on: '2032-02-29', basis: 'diversion' });
	});

	it('keeps a later date an admin chose on review, and drops one the rule has overtaken', () => {
		const facts = { childProtection: false, dateOfBirth: '2011-05-10', closedOn: '2026-03-02' };
		expect(nextReview(facts, 3, { on: '2031-01-01', basis: 'extended' })).toEqual({ on: '2031-01-01', basis: 'extended' });
		expect(nextReview(facts, 6, { on: '2031-01-01', basis: 'extended' })).toEqual({ on: '2032-03-02', basis: 'diversion' });
		expect(nextReview({ ...facts, childProtection: true }, 3, { on: '2031-01-01', basis: 'extended' })).toEqual({ on: '2036-05-10', basis: 'child_protection' });
	});
});
