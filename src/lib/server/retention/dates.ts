/**
 * When a closed case's record is due for review (DOMAIN.md §7): records that touch child protection
 * (the flag set at triage) are kept until the young person's 25th birthday; diversion-only records a
 * set number of years (the `retention` setting) after closure. A child-protection record is never
 * reviewed sooner than a diversion-only one closed the same day would be. Pure: dates are ISO
 * calendar dates (London).
 */
export type RetentionBasis = 'child_protection' | 'diversion' | 'extended';

export const RETENTION_BASIS_LABELS: Record<RetentionBasis, string> = {
	child_protection: 'Child protection: kept until the 25th birthday',
	diversion: 'Diversion only: kept for a set period after closure',
	extended: 'Extended on review'
};

export const CHILD_PROTECTION_AGE = 25;

/**
 * An ISO date `years` whole years later. 29 February becomes 1 March in a year without one: a person
 * born on 29 February reaches an age on 1 March in such a year, and a record kept one day longer
 * errs on the side of keeping it.
 */
export function addYears(iso: string, years: number): string {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
	const date = new Date(Date.UTC(y + years, m - 1, d));
	if (date.getUTCFullYear() < 1000) throw new Error('addYears: year out of range');
	return date.toISOString().slice(0, 10);
}

export interface RetentionFacts {
	childProtection: boolean;
	/** ISO date, or null when not recorded (a submitted referral always has one). */
	dateOfBirth: string | null;
	/** The London date the case closed. */
	closedOn: string;
}

export function reviewDate(facts: RetentionFacts, diversionYears: number): { on: string; basis: Exclude<RetentionBasis, 'extended'> } {
	const afterClosure = addYears(facts.closedOn, diversionYears);
	if (!facts.childProtection) return { on: afterClosure, basis: 'diversion' };
	const birthday = facts.dateOfBirth ? addYears(facts.dateOfBirth, CHILD_PROTECTION_AGE) : afterClosure;
	return { on: birthday > afterClosure ? birthday : afterClosure, basis: 'child_protection' };
}

/**
 * The review date to store when the facts or the setting change: the rule's date, unless an admin
 * already extended it to a later one on review.
 */
export function nextReview(
	facts: RetentionFacts,
	diversionYears: number,
	current: { on: string | null; basis: string | null }
): { on: string; basis: RetentionBasis } {
	const computed = reviewDate(facts, diversionYears);
	if (current.basis === 'extended' && current.on && current.on > computed.on) return { on: current.on, basis: 'extended' };
	return computed;
}
