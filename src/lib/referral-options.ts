/** Answer lists for the referral form, safe for the browser and free of zod (kept out of page bundles). */
export const YEAR_GROUPS = ['7', '8', '9', '10', '11', '12', '13', '14', 'none'] as const;
export const CONTACT_SLOTS = [1, 2, 3] as const;

export const PARENT_CONSENT = [
	{ value: 'yes', label: 'Yes, a parent or carer consented' },
	{ value: 'no', label: 'No, a parent or carer refused' },
	{ value: 'not_told', label: 'A parent or carer has not been told, because telling them would put the young person at risk' }
] as const;

export const CONSENT_GIVERS = [
	{ value: 'parent', label: 'Parent or carer' },
	{ value: 'young_person', label: 'The young person' }
] as const;
