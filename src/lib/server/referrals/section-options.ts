import { CAME_TO_LIGHT, CONSENT_METHODS, ETHNICITY, ITEM_OUTCOMES, POLICE_OUTCOMES, SCHOOL_DECISIONS, SEN_PROVISION, SEX, SOCIAL_WORKER, SUBSTANCES, YES_NO } from '$lib/codes';
import { CONSENT_GIVERS, CONTACT_SLOTS, PARENT_CONSENT, YEAR_GROUPS } from '$lib/referral-options';

/**
 * The answer lists each section of the referral form offers, sent with its page as data rather than
 * imported by the page's code, so that the browser loads no code tables for the form (issue 8).
 */
export const SECTION_OPTIONS = {
	safety: { yesNo: YES_NO },
	pupil: {
		yearGroups: [{ value: '', label: 'Select a year group' }, ...YEAR_GROUPS.map((y) => ({ value: y, label: y === 'none' ? 'Not in a year group (college)' : `Year ${y}` }))],
		ethnicities: [{ value: '', label: 'Select ethnicity' }, ...ETHNICITY.map((e) => ({ value: e.code, label: `${e.label} (${e.code})` }))],
		sex: SEX,
		sen: SEN_PROVISION,
		socialWorker: SOCIAL_WORKER,
		yesNo: YES_NO
	},
	family: { contactSlots: CONTACT_SLOTS, yesNo: YES_NO },
	incident: {
		cameToLight: CAME_TO_LIGHT,
		substances: SUBSTANCES,
		itemOutcomes: ITEM_OUTCOMES,
		policeOutcomes: POLICE_OUTCOMES,
		yesNo: YES_NO
	},
	decision: { decisions: SCHOOL_DECISIONS },
	consent: { parentConsent: PARENT_CONSENT, methods: CONSENT_METHODS, givers: CONSENT_GIVERS, yesNo: YES_NO }
} as const;
