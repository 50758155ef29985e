import { z } from 'zod';

/** School types and phases a provider admin can choose from (stored as the label shown). */
export const SCHOOL_TYPES = [
	'Academy',
	'Free school',
	'Local authority maintained',
	'Independent',
	'Pupil referral unit / alternative provision',
	'Special school',
	'Further education college',
	'Sixth form college'
] as const;
export const SCHOOL_PHASES = ['Secondary', 'All-through', '16 plus', 'Middle', 'Special', 'Alternative provision'] as const;

export const schoolSchema = z.object({
	name: z.string().trim().min(1, 'Enter the name of the school or college').max(200, 'Name must be 200 characters or fewer'),
	urn: z
		.string()
		.trim()
		.min(1, 'Enter the URN (unique reference number)')
		.max(6, 'URN must be 6 digits, like 123456')
		.regex(/^\d{6}$/, 'URN must be 6 digits, like 123456'),
	type: z.enum(['', ...SCHOOL_TYPES] as const).refine((v) => v !== '', 'Select the type of school or college'),
	phase: z.enum(['', ...SCHOOL_PHASES] as const).refine((v) => v !== '', 'Select the phase'),
	localAuthority: z.string().trim().min(1, 'Enter the local authority').max(100, 'Local authority must be 100 characters or fewer')
});

/** An edit carries the version it read, so a stale save is refused (SECURITY.md 20). */
export const schoolEditSchema = schoolSchema.extend({
	version: z.number().int().min(1, 'Reload the page and make your changes again')
});

export type SchoolFields = z.infer<typeof schoolSchema>;

/*
 * Numbers on roll by characteristic, per academic year, entered from the school census. Reports
 * compare referrals with these (disproportionality), so these group lists are the one definition
 * reports import. Codes are what is stored in school_roll.group_code.
 */
export const ROLL_CHARACTERISTICS = ['ethnicity', 'sen', 'fsm', 'care', 'sex', 'yearGroup'] as const;
export type RollCharacteristic = (typeof ROLL_CHARACTERISTICS)[number];

/** The DfE major ethnic groups that the main codes (WBRI, MWBC, …) roll up to. */
export const ETHNICITY_GROUPS = ['white', 'mixed', 'asian', 'black', 'chinese', 'other', 'unclassified'] as const;
/** N none, K SEN support, E EHC plan. */
export const SEN_GROUPS = ['N', 'K', 'E'] as const;
/** Eligible for free school meals now: Y or N. */
export const FSM_GROUPS = ['Y', 'N'] as const;
/** Looked after; child in need or child protection plan (has a social worker); neither. */
export const CARE_GROUPS = ['looked-after', 'cin-cp', 'neither'] as const;
export const SEX_GROUPS = ['M', 'F'] as const;
export const YEAR_GROUPS = ['7', '8', '9', '10', '11', '12', '13'] as const;

export const ROLL_GROUPS = {
	ethnicity: ETHNICITY_GROUPS,
	sen: SEN_GROUPS,
	fsm: FSM_GROUPS,
	care: CARE_GROUPS,
	sex: SEX_GROUPS,
	yearGroup: YEAR_GROUPS
} as const satisfies Record<RollCharacteristic, readonly string[]>;

export const ROLL_CHARACTERISTIC_LABELS: Record<RollCharacteristic, string> = {
	ethnicity: 'Ethnicity (major group)',
	sen: 'Special educational needs (SEN) provision',
	fsm: 'Free school meals (FSM)',
	care: 'Looked after or has a social worker',
	sex: 'Sex',
	yearGroup: 'Year group'
};

/** Short names for error messages, like "White (ethnicity) must be a whole number". */
const ROLL_CHARACTERISTIC_SHORT: Record<RollCharacteristic, string> = {
	ethnicity: 'ethnicity',
	sen: 'SEN provision',
	fsm: 'free school meals',
	care: 'looked after or social worker',
	sex: 'sex',
	yearGroup: 'year group'
};

export const ROLL_GROUP_LABELS: { [C in RollCharacteristic]: Record<(typeof ROLL_GROUPS)[C][number], string> } = {
	ethnicity: { white: 'White', mixed: 'Mixed', asian: 'Asian', black: 'Black', chinese: 'Chinese', other: 'Any other', unclassified: 'Unclassified' },
	sen: { N: 'N – no SEN', K: 'K – SEN support', E: 'E – EHC plan' },
	fsm: { Y: 'Eligible', N: 'Not eligible' },
	care: { 'looked-after': 'Looked after', 'cin-cp': 'Child in need or child protection plan', neither: 'Neither' },
	sex: { M: 'Male', F: 'Female' },
	yearGroup: { '7': 'Year 7', '8': 'Year 8', '9': 'Year 9', '10': 'Year 10', '11': 'Year 11', '12': 'Year 12', '13': 'Year 13' }
};

export const ROLL_MAX = 10_000;

export interface RollField {
	/** The form field name, like `ethnicity_white` or `yearGroup_7`. */
	name: string;
	characteristic: RollCharacteristic;
	groupCode: string;
	label: string;
}

function groupLabel(characteristic: RollCharacteristic, code: string): string {
	const labels: Record<string, string> = ROLL_GROUP_LABELS[characteristic];
	return labels[code] ?? code;
}

/** Every count the roll form asks for, in order. */
export const ROLL_FIELDS: readonly RollField[] = ROLL_CHARACTERISTICS.flatMap((characteristic) =>
	ROLL_GROUPS[characteristic].map((groupCode) => ({
		name: `${characteristic}_${groupCode}`,
		characteristic,
		groupCode,
		label: groupLabel(characteristic, groupCode)
	}))
);

/** A typed count: digits, optionally with thousands commas ("1,200"); blank means not entered. */
export function parseRollCount(value: string): number | null {
	const digits = value.trim().replace(/,/g, '');
	if (digits === '' || !/^\d{1,6}$/.test(digits)) return null;
	return Number(digits);
}

function rollCount(field: RollField) {
	const where = `${field.label} (${ROLL_CHARACTERISTIC_SHORT[field.characteristic]})`;
	return z
		.string()
		.trim()
		.max(10, `${where} must be ${ROLL_MAX.toLocaleString('en-GB')} or fewer`)
		.refine((v) => v === '' || parseRollCount(v) !== null, `${where} must be a whole number, like 120`)
		.refine((v) => (parseRollCount(v) ?? 0) <= ROLL_MAX, `${where} must be ${ROLL_MAX.toLocaleString('en-GB')} or fewer`);
}

/** One text field per group, kept as typed so a mistake is shown back to the person who made it. */
export const rollSchema = z.object(Object.fromEntries(ROLL_FIELDS.map((field) => [field.name, rollCount(field)])) as Record<string, ReturnType<typeof rollCount>>);

/** The academic year that starts in `year`, as people write it: 2026 → "2026/27". */
export function formatAcademicYear(year: number): string {
	return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}
