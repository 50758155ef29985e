import { describe, expect, it } from 'vitest';
import { primaryOnlyView, readerView, recover } from '../recovery';
import { suppress } from '../suppression';
import { CHARACTERISTICS } from './groups';
import type { BreakdownFigures, PeriodFigures } from './load';
import { governorPublication } from './publication';

const followUp = { due: 4, returned: 3, furtherIncident: 1, suspension: 0 };
function period(referrals: number, overrides: Partial<PeriodFigures> = {}): PeriodFigures {
	return {
		referrals,
		decisions: { instead_of_suspension: referrals - 5, instead_of_permanent_exclusion: 3, alongside_suspension: 2, not_recorded: 0 },
		suspensionDaysAvoided: 27,
		permanentExclusionsAvoided: 2,
		consents: referrals - 2,
		assessments: referrals - 3,
		cohortCompleted: referrals - 4,
		incidentToFirstSession: { value: 9.5, of: 10 },
		escalations: { mash: 2, police: 0 },
		outcomes: { completed: 8, partially_completed: 3, did_not_engage: 2, withdrawn: 0 },
		followUps: { 6: followUp, 12: followUp },
		...overrides
	};
}

/** Referrals 7 men and 5 women; outcomes 10 and 3; completions 6 and 2; every other group split small. */
function breakdowns(): BreakdownFigures {
	const out: BreakdownFigures = {};
	for (const c of CHARACTERISTICS) {
		const codes = c.groups.map((g) => g.code);
		const [a = '', b = ''] = codes;
		const zero = Object.fromEntries(codes.map((code) => [code, 0]));
		out[c.key] = { referrals: { ...zero, [a]: 7, [b]: 5 }, outcomes: { ...zero, [a]: 10, [b]: 3 }, completed: { ...zero, [a]: 6, [b]: 2 } };
	}
	return out;
}

describe('the governors’ report publication (DOMAIN.md §5)', () => {
	const publication = governorPublication({ current: period(12), breakdowns: breakdowns(), previous: period(9), earlier: [{ referrals: 4, completed: 1 }] });

	it('lets no hidden figure be worked out from the rest of the report, across tables and periods', () => {
		const report = suppress(publication, 5);
		expect([...recover(readerView(publication, report))]).toEqual([]);
	});

	it('needs its secondary suppression: with "<5" alone, the same report gives figures away', () => {
		expect(recover(primaryOnlyView(publication, 5)).size).toBeGreaterThan(0);
	});

	it('ties each breakdown to the referrals the headline prints, so neither can give the other away', () => {
		const sums = publication.sums.filter((s) => s.total === 'current:referrals');
		expect(sums.map((s) => s.parts[0])).toEqual(expect.arrayContaining(['current:decision/instead_of_suspension', 'current:referrals/sex/M', 'current:referrals/yearGroup/7']));
	});
});
