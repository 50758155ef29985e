/**
 * Codes used across the product (DOMAIN.md §6), safe for the browser. One list each, everywhere.
 */
export const ETHNICITY = [
	{ code: 'WBRI', label: 'White – British', group: 'White' },
	{ code: 'WIRI', label: 'White – Irish', group: 'White' },
	{ code: 'WIRT', label: 'Traveller of Irish heritage', group: 'White' },
	{ code: 'WROM', label: 'Gypsy or Roma', group: 'White' },
	{ code: 'WOTH', label: 'Any other White background', group: 'White' },
	{ code: 'MWBC', label: 'White and Black Caribbean', group: 'Mixed' },
	{ code: 'MWBA', label: 'White and Black African', group: 'Mixed' },
	{ code: 'MWAS', label: 'White and Asian', group: 'Mixed' },
	{ code: 'MOTH', label: 'Any other mixed background', group: 'Mixed' },
	{ code: 'AIND', label: 'Indian', group: 'Asian' },
	{ code: 'APKN', label: 'Pakistani', group: 'Asian' },
	{ code: 'ABAN', label: 'Bangladeshi', group: 'Asian' },
	{ code: 'AOTH', label: 'Any other Asian background', group: 'Asian' },
	{ code: 'BCRB', label: 'Black Caribbean', group: 'Black' },
	{ code: 'BAFR', label: 'Black African', group: 'Black' },
	{ code: 'BOTH', label: 'Any other Black background', group: 'Black' },
	{ code: 'CHNE', label: 'Chinese', group: 'Chinese' },
	{ code: 'OOTH', label: 'Any other ethnic group', group: 'Any other' },
	{ code: 'REFU', label: 'Refused', group: 'Unclassified' },
	{ code: 'NOBT', label: 'Information not yet obtained', group: 'Unclassified' }
] as const;
export type EthnicityCode = (typeof ETHNICITY)[number]['code'];
export const ETHNICITY_CODES = ETHNICITY.map((e) => e.code) as [EthnicityCode, ...EthnicityCode[]];
export const ETHNICITY_GROUPS = ['White', 'Mixed', 'Asian', 'Black', 'Chinese', 'Any other', 'Unclassified'] as const;
export type EthnicityGroup = (typeof ETHNICITY_GROUPS)[number];

export function ethnicityGroup(code: string): EthnicityGroup {
	return ETHNICITY.find((e) => e.code === code)?.group ?? 'Unclassified';
}

export const SEN_PROVISION = [
	{ value: 'N', label: 'No special educational needs' },
	{ value: 'K', label: 'SEN support' },
	{ value: 'E', label: 'Education, health and care (EHC) plan' }
] as const;

export const SEX = [
	{ value: 'F', label: 'Female' },
	{ value: 'M', label: 'Male' }
] as const;

export const SOCIAL_WORKER = [
	{ value: 'none', label: 'No' },
	{ value: 'cin', label: 'Yes: child in need plan' },
	{ value: 'cp', label: 'Yes: child protection plan' }
] as const;

/** The one police-outcome list, used everywhere (DOMAIN.md §3 step 2). */
export const POLICE_OUTCOMES = [
	{ value: 'not_yet_known', label: 'Not yet known' },
	{ value: 'nfa', label: 'No further action' },
	{ value: 'community_resolution', label: 'Community resolution (outcome 8)' },
	{ value: 'outcome_22', label: 'Outcome 22 (diversionary activity)' },
	{ value: 'outcome_23', label: 'Outcome 23 (child deferred prosecution)' },
	{ value: 'youth_caution', label: 'Youth caution' },
	{ value: 'youth_conditional_caution', label: 'Youth conditional caution' },
	{ value: 'rui', label: 'Released under investigation' },
	{ value: 'charged', label: 'Charged' }
] as const;

export const SUBSTANCES = [
	{ value: 'cannabis', label: 'Cannabis' },
	{ value: 'thc_vape', label: 'THC vape' },
	{ value: 'nitrous_oxide', label: 'Nitrous oxide' },
	{ value: 'ketamine', label: 'Ketamine' },
	{ value: 'cocaine', label: 'Cocaine' },
	{ value: 'mdma', label: 'MDMA' },
	{ value: 'alcohol', label: 'Alcohol' },
	{ value: 'other', label: 'Other' },
	{ value: 'unknown', label: 'Not known' }
] as const;

export const CAME_TO_LIGHT = [
	{ value: 'search', label: 'Search' },
	{ value: 'disclosure', label: 'Disclosure' },
	{ value: 'observed', label: 'Observed by staff' },
	{ value: 'other', label: 'Another way' }
] as const;

export const ITEM_OUTCOMES = [
	{ value: 'police', label: 'Handed to the police' },
	{ value: 'disposed', label: 'Disposed of, with two witnesses' },
	{ value: 'none', label: 'No item was found' }
] as const;

export const SCHOOL_DECISIONS = [
	{ value: 'instead_of_suspension', label: 'Diversion instead of a suspension' },
	{ value: 'instead_of_permanent_exclusion', label: 'Diversion instead of permanent exclusion' },
	{ value: 'alongside_suspension', label: 'Diversion alongside a shorter suspension' }
] as const;

export const CONSENT_METHODS = [
	{ value: 'in_person', label: 'In person' },
	{ value: 'phone', label: 'By phone' },
	{ value: 'written', label: 'In writing' }
] as const;

export const YES_NO = [
	{ value: 'yes', label: 'Yes' },
	{ value: 'no', label: 'No' }
] as const;

/** DfE exclusion reason code that would have applied: drug and alcohol related. */
export const EXCLUSION_REASON_CODE = 'DA';

export function valuesOf<T extends readonly { value: string }[]>(list: T): [T[number]['value'], ...T[number]['value'][]] {
	return list.map((o) => o.value) as [T[number]['value'], ...T[number]['value'][]];
}

export function labelOf(list: readonly { value: string; label: string }[], value: string | null | undefined): string {
	return list.find((o) => o.value === value)?.label ?? '';
}
