import { describe, expect, it } from 'vitest';
import { breakdown, crossTab, partOfWhole, separateCounts, sideBySide, type Publication } from './publication';
import { possibleValues, primaryOnlyView, readerView, recover } from './recovery';
import { suppress, type SuppressedReport } from './suppression';

const THRESHOLD = 5;

/** Suppresses, then hands the printed report to the attacker; returns both. */
function publish(publication: Publication, threshold = THRESHOLD) {
	const report = suppress(publication, threshold);
	return { report, recovered: recover(readerView(publication, report)) };
}

function displays(report: SuppressedReport, ids: string[]): string[] {
	return ids.map((id) => report.cell(id).display);
}

function hiddenBy(report: SuppressedReport, kind: 'primary' | 'secondary' | 'withheld'): string[] {
	return [...report.cells].filter(([, c]) => c.suppressed === kind).map(([id]) => id);
}

describe('the attacker', () => {
	it('works out a lone "<5" from a printed total and printed groups when nothing else is hidden', () => {
		const sex = breakdown('sex', { F: 3, M: 9 });
		expect(recover(primaryOnlyView(sex, THRESHOLD))).toEqual(new Map([['sex/F', 3]]));
	});

	it('works out the school\'s hidden group from the service total beside it when nothing else is hidden', () => {
		const school = breakdown('fsm', { Y: 2, N: 8 });
		const service = breakdown('fsm', { Y: 20, N: 40 });
		const both = partOfWhole(school, service, { part: 'school', whole: 'service', rest: 'rest' });
		expect(recover(primaryOnlyView(both, THRESHOLD)).get('school:fsm/Y')).toBe(2);
	});

	it('works out four ones from a total under 5 with four "<5" groups and printed zeros', () => {
		const view = primaryOnlyView(breakdown('eth', { White: 1, Black: 1, Asian: 1, Mixed: 1, Other: 0 }), THRESHOLD);
		expect(recover(view).get('eth/White')).toBe(1);
	});

	it('uses what the rule says a hidden figure is: a hidden figure beside a "<5" summing to 6 must be 5', () => {
		const view = { threshold: 5, displays: new Map([['t', '6'], ['a', '<5'], ['b', 'hidden']]), unprinted: [], sums: [{ total: 't', parts: ['a', 'b'] }], smallTotalsHideZeros: true };
		expect(recover(view)).toEqual(new Map([['a', 1], ['b', 5]]));
	});
});

describe('small-number suppression', () => {
	it('shows a count of 1 to 4 as "<5", zero as 0 and larger counts as themselves', () => {
		const { report } = publish(separateCounts({ referred: 12, assessed: 4, completed: 0 }));
		expect(displays(report, ['referred', 'assessed', 'completed'])).toEqual(['12', '<5', '0']);
		expect(report.cell('assessed')).toEqual({ value: null, display: '<5', suppressed: 'primary' });
	});

	it('hides one more group when a breakdown has one small group, and nobody can work either out', () => {
		const { report, recovered } = publish(breakdown('sex', { F: 3, M: 9, Unknown: 6 }));
		expect(hiddenBy(report, 'primary')).toEqual(['sex/F']);
		expect(hiddenBy(report, 'secondary')).toHaveLength(1);
		expect(report.cell('sex').display).toBe('18');
		expect(recovered.size).toBe(0);
	});

	it('hides the next group up that protects the small one: a 5 beside a 1 would give both away, so the 7 goes', () => {
		const { report, recovered } = publish(breakdown('sen', { N: 7, K: 1, E: 5 }));
		expect(displays(report, ['sen', 'sen/N', 'sen/K', 'sen/E'])).toEqual(['13', 'hidden', '<5', '5']);
		expect(recovered.size).toBe(0);
	});

	it('hides the total when no other group can protect the small one', () => {
		const { report, recovered } = publish(breakdown('fsm', { Y: 1, N: 5 }));
		expect(displays(report, ['fsm', 'fsm/Y', 'fsm/N'])).toEqual(['hidden', '<5', '5']);
		expect(recovered.size).toBe(0);
	});

	it('needs nothing more when two small groups cover each other', () => {
		const { report, recovered } = publish(breakdown('year', { Y9: 2, Y10: 3, Y11: 12 }));
		expect(hiddenBy(report, 'secondary')).toEqual([]);
		expect(recovered.size).toBe(0);
	});

	it('hides a third figure when two small groups are both ones (1 + 1 = 2 gives both away)', () => {
		const { report, recovered } = publish(breakdown('year', { Y9: 1, Y10: 1, Y11: 12, Y8: 9 }));
		expect(hiddenBy(report, 'secondary')).toHaveLength(1);
		expect(recovered.size).toBe(0);
	});

	it('shows every group of a total under 5 as "<5", zeros included', () => {
		const { report, recovered } = publish(breakdown('eth', { White: 1, Black: 1, Asian: 1, Mixed: 1, Other: 0 }));
		expect(displays(report, ['eth', 'eth/White', 'eth/Other'])).toEqual(['<5', '<5', '<5']);
		expect(recovered.size).toBe(0);
	});

	it('prints an all-zero table as zeros', () => {
		const { report, recovered } = publish(breakdown('sex', { F: 0, M: 0 }));
		expect(displays(report, ['sex', 'sex/F', 'sex/M'])).toEqual(['0', '0', '0']);
		expect(recovered.size).toBe(0);
	});

	it('keeps each of two periods side by side safe, groups and all', () => {
		const periods = sideBySide({ current: breakdown('sex', { F: 2, M: 11 }), previous: breakdown('sex', { F: 6, M: 3 }) });
		const { report, recovered } = publish(periods);
		expect(displays(report, ['current:sex/F', 'previous:sex/M'])).toEqual(['<5', '<5']);
		expect(recovered.size).toBe(0);
	});

	it('keeps a term safe beside the year that contains it', () => {
		const term = breakdown('sex', { F: 2, M: 11 });
		const year = breakdown('sex', { F: 9, M: 30 });
		const { report, recovered } = publish(partOfWhole(term, year, { part: 'term', whole: 'year', rest: 'rest-of-year' }));
		expect(report.cell('term:sex/F').display).toBe('<5');
		expect(recovered.size).toBe(0);
	});

	it('keeps a school\'s view safe beside the service total, though the rest of the service can be subtracted', () => {
		const school = breakdown('fsm', { Y: 2, N: 8, Unknown: 6 });
		const service = breakdown('fsm', { Y: 20, N: 40, Unknown: 11 });
		const { report, recovered } = publish(partOfWhole(school, service, { part: 'school', whole: 'service', rest: 'rest' }));
		expect(report.cell('school:fsm/Y').display).toBe('<5');
		expect(report.cells.has('rest:fsm/Y')).toBe(false);
		expect(recovered.size).toBe(0);
	});

	it('keeps a school safe when the service\'s own group is small too', () => {
		const school = breakdown('care', { yes: 1, no: 14 });
		const service = breakdown('care', { yes: 2, no: 60 });
		const { recovered } = publish(partOfWhole(school, service, { part: 'school', whole: 'service', rest: 'rest' }));
		expect(recovered.size).toBe(0);
	});

	it('keeps nested breakdowns safe: ethnicity within sex, with both margins printed', () => {
		const table = crossTab('eth-by-sex', { F: { White: 6, Black: 2, Asian: 7 }, M: { White: 9, Black: 5, Asian: 1 } });
		const { report, recovered } = publish(table);
		expect(report.cell('eth-by-sex/F/Black').display).toBe('<5');
		expect(hiddenBy(report, 'secondary').length).toBeGreaterThan(0);
		expect(recovered.size).toBe(0);
	});

	it('never hides a count that the rule and its protection do not need', () => {
		const { report } = publish(breakdown('sex', { F: 12, M: 9 }));
		expect(hiddenBy(report, 'primary')).toEqual([]);
		expect(hiddenBy(report, 'secondary')).toEqual([]);
	});

	it('withholds a breakdown whole when the rule itself gives a count away, and the attacker then finds nothing', () => {
		// Two "<5" groups cap the shared total at 8; the other breakdown's hidden group and three "<5"s put
		// it at 8 or more. Every non-zero figure is hidden already, so only withholding (zeros too) helps.
		const groups = { ethnicity: { White: 5, Asian: 1, Black: 1, Other: 1, Mixed: 0 }, sex: { F: 4, M: 4, NotRecorded: 0 } };
		const counts = [{ id: 'total', value: 8, published: true }, ...Object.entries(groups).flatMap(([name, g]) => Object.entries(g).map(([k, value]) => ({ id: `${name}/${k}`, value, published: true })))];
		const sums = Object.entries(groups).map(([name, g]) => ({ total: 'total', parts: Object.keys(g).map((k) => `${name}/${k}`) }));
		const publication: Publication = { counts, sums };
		expect(recover(primaryOnlyView(publication, THRESHOLD)).size).toBeGreaterThan(0);
		const { report, recovered } = publish(publication);
		expect(hiddenBy(report, 'withheld').length).toBeGreaterThan(0);
		expect(report.cell('total').display).not.toBe('8');
		expect(recovered.size).toBe(0);
	});

	it('suppresses views block by block and then as a whole, leaving nothing a reader can work out across them', () => {
		const school = breakdown('fsm', { Y: 2, N: 8 });
		const service = breakdown('fsm', { Y: 20, N: 40 });
		const both = partOfWhole(school, service, { part: 'school', whole: 'service', rest: 'rest' });
		const blocks = ['school', 'service', 'rest'].map((view) => both.counts.filter((c) => c.id.startsWith(`${view}:`)).map((c) => c.id));
		const { recovered, report } = publish({ ...both, blocks });
		expect(report.cell('school:fsm/Y').display).toBe('<5');
		expect(recovered.size).toBe(0);
	});

	it('refuses a threshold that could hide nothing', () => {
		expect(() => suppress(breakdown('sex', { F: 1, M: 9 }), 2)).toThrow(/3 or more/);
	});

	it('reads a hidden figure\'s possible values as the attacker would', () => {
		const publication = breakdown('sex', { F: 3, M: 9, Unknown: 6 });
		const values = possibleValues(readerView(publication, suppress(publication, THRESHOLD)));
		expect(values['sex/F']).toHaveLength(2);
	});
});
