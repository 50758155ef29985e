import { sql, type SQL } from 'drizzle-orm';
import { ROLL_CHARACTERISTIC_LABELS, ROLL_CHARACTERISTICS, ROLL_GROUP_LABELS, ROLL_GROUPS, type RollCharacteristic } from '$lib/schemas/admin-schools';
import { t } from '../../db';

/**
 * The characteristics a governor's report breaks referrals down by (DOMAIN.md §5), as recorded at
 * referral, in the same groups as the school's numbers on roll (admin-schools.ts), so each group's share
 * of referrals can sit beside its share of the roll. A referral whose value has no roll group (not
 * recorded, or a college year) falls in "Other or not recorded", so every breakdown adds up to the total.
 */
export const NOT_RECORDED = 'not-recorded';

export interface Characteristic {
	key: RollCharacteristic;
	label: string;
	groups: readonly { code: string; label: string }[];
	/** The SQL value grouped on, read back through `codeOf`. */
	expression: SQL;
	codeOf: (raw: string | number | null) => string;
}

const s = t.referralStatistic;

function groupsOf(key: RollCharacteristic): { code: string; label: string }[] {
	const labels: Record<string, string> = ROLL_GROUP_LABELS[key];
	return [...ROLL_GROUPS[key].map((code) => ({ code, label: labels[code] ?? code })), { code: NOT_RECORDED, label: 'Other or not recorded' }];
}

/** Reads a raw value back as a roll group code, or "not recorded". */
function within(key: RollCharacteristic, map: (raw: string) => string = (raw) => raw) {
	const codes: readonly string[] = ROLL_GROUPS[key];
	return (raw: string | number | null) => {
		if (raw === null) return NOT_RECORDED;
		const code = map(String(raw));
		return codes.includes(code) ? code : NOT_RECORDED;
	};
}

const EXPRESSIONS: Record<RollCharacteristic, { expression: SQL; codeOf: Characteristic['codeOf'] }> = {
	// Stored as the report group's label (White, Any other, …); the roll uses lower-case codes.
	ethnicity: { expression: sql`${s.ethnicityGroup}`, codeOf: within('ethnicity', (raw) => (raw === 'Any other' ? 'other' : raw.toLowerCase())) },
	sen: { expression: sql`${s.sen}`, codeOf: within('sen') },
	fsm: { expression: sql`${s.fsm}`, codeOf: within('fsm', (raw) => (raw === '1' ? 'Y' : raw === '0' ? 'N' : raw)) },
	// Looked after comes first: a looked-after child has a social worker too (DOMAIN.md §4).
	care: {
		expression: sql`case when ${s.lookedAfter} = 1 then 'looked-after' when ${s.socialWorker} in ('cin', 'cp') then 'cin-cp' when ${s.lookedAfter} = 0 and ${s.socialWorker} = 'none' then 'neither' end`,
		codeOf: within('care')
	},
	sex: { expression: sql`${s.sex}`, codeOf: within('sex') },
	yearGroup: { expression: sql`${s.yearGroup}`, codeOf: within('yearGroup') }
};

export const CHARACTERISTICS: readonly Characteristic[] = ROLL_CHARACTERISTICS.map((key) => ({
	key,
	label: ROLL_CHARACTERISTIC_LABELS[key],
	groups: groupsOf(key),
	...EXPRESSIONS[key]
}));
