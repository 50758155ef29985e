import { describe, expect, it } from 'vitest';
import { breakdown, crossTab, partOfWhole, sideBySide, type Publication } from './publication';
import { primaryOnlyView, readerView, recover, type Printed } from './recovery';
import { suppress } from './suppression';
import { familyPublication } from './service/family';

/** mulberry32: a small seeded generator, so a failing case can be replayed from its seed. */
function generator(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Small counts, often 0 to 4, the cases that matter for one school's cohort. */
function count(random: () => number): number {
	const r = random();
	if (r < 0.2) return 0;
	if (r < 0.6) return 1 + Math.floor(random() * 4);
	return 5 + Math.floor(random() * 15);
}

function groups(random: () => number, size: number): Record<string, number> {
	return Object.fromEntries(Array.from({ length: size }, (_, i) => [`g${i}`, count(random)]));
}

function randomPublication(random: () => number): Publication {
	const size = 2 + Math.floor(random() * 4);
	const shape = Math.floor(random() * 5);
	if (shape === 0) return breakdown('b', groups(random, size));
	if (shape === 1) return sideBySide({ current: breakdown('b', groups(random, size)), previous: breakdown('b', groups(random, size)) });
	if (shape === 2) {
		const school = groups(random, size);
		const service = Object.fromEntries(Object.entries(school).map(([g, n]) => [g, n + count(random) * (random() < 0.5 ? 1 : 3)]));
		return partOfWhole(breakdown('b', school), breakdown('b', service), { part: 'school', whole: 'service', rest: 'rest' });
	}
	if (shape === 3) return crossTab('x', { F: groups(random, size), M: groups(random, size) });
	const school = { F: groups(random, 3), M: groups(random, 3) };
	const more = (row: Record<string, number>) => Object.fromEntries(Object.entries(row).map(([g, n]) => [g, n + count(random)]));
	return partOfWhole(crossTab('x', school), crossTab('x', { F: more(school.F), M: more(school.M) }), { part: 'school', whole: 'service', rest: 'rest' });
}

/** The fewest extra cells any choice could hide so the attacker recovers nothing (brute force over subsets). */
function fewestProtecting(view: Printed, candidates: string[]): number {
	for (let k = 0; k <= candidates.length; k++) {
		for (const subset of subsets(candidates, k)) {
			const displays = new Map(view.displays);
			for (const id of subset) displays.set(id, 'hidden');
			if (recover({ ...view, displays }).size === 0) return k;
		}
	}
	return Infinity;
}

function* subsets<T>(items: T[], k: number, start = 0): Generator<T[]> {
	if (k === 0) return yield [];
	for (let i = start; i <= items.length - k; i++) for (const rest of subsets(items, k - 1, i + 1)) yield [items[i] as T, ...rest];
}

describe('small-number suppression on random tables', () => {
	it('leaves no hidden count that a reader can work out, in 300 random reports of every shape', () => {
		for (let seed = 1; seed <= 300; seed++) {
			const publication = randomPublication(generator(seed));
			const report = suppress(publication, 5);
			expect({ seed, recovered: [...recover(readerView(publication, report))] }).toEqual({ seed, recovered: [] });
		}
	});

	it('leaves nothing to work out in 80 random services of 2 to 4 schools, suppressed school by school and then as a whole', () => {
		// Two breakdowns of one total (sex, and free school meals), as the equality tables share theirs.
		const shape = {
			ids: ['total', 'sex/F', 'sex/M', 'fsm/Y', 'fsm/N'].map((id) => ({ id, published: true })),
			sums: [
				{ total: 'total', parts: ['sex/F', 'sex/M'] },
				{ total: 'total', parts: ['fsm/Y', 'fsm/N'] }
			]
		};
		for (let seed = 1; seed <= 80; seed++) {
			const random = generator(seed);
			const schools = Array.from({ length: 2 + Math.floor(random() * 3) }, (_, i) => {
				const [F, M] = [count(random), count(random)];
				const Y = Math.min(count(random), F + M);
				return { id: `s${i}`, values: new Map([['total', F + M], ['sex/F', F], ['sex/M', M], ['fsm/Y', Y], ['fsm/N', F + M - Y]]) };
			});
			const publication = familyPublication(shape, schools);
			expect(publication.blocks?.length).toBe(schools.length + 1);
			const report = suppress(publication, 5);
			expect({ seed, recovered: [...recover(readerView(publication, report))] }).toEqual({ seed, recovered: [] });
		}
	});

	it('would leak: the same attacker recovers a count in many of the same reports with only "<5" applied', () => {
		let leaky = 0;
		for (let seed = 1; seed <= 300; seed++) if (recover(primaryOnlyView(randomPublication(generator(seed)), 5)).size > 0) leaky++;
		expect(leaky).toBeGreaterThan(50);
	});

	it('hides as "<5" only counts of 1 to 4 (and the groups of a total under 5), never a printed count of 5 or more', () => {
		for (let seed = 1; seed <= 300; seed++) {
			const publication = randomPublication(generator(seed));
			const report = suppress(publication, 5);
			const smallTotals = new Set(publication.sums.filter((s) => report.cells.get(s.total)?.suppressed === 'primary').map((s) => s.total));
			const underSmall = new Set(publication.sums.filter((s) => smallTotals.has(s.total)).flatMap((s) => s.parts));
			for (const c of publication.counts.filter((c) => c.published)) {
				const primary = report.cell(c.id).suppressed === 'primary';
				expect({ seed, id: c.id, primary }).toEqual({ seed, id: c.id, primary: (c.value >= 1 && c.value < 5) || (c.value === 0 && underSmall.has(c.id)) });
			}
		}
	});

	it('hides no more extra figures than the fewest that protect a single breakdown', () => {
		for (let seed = 1; seed <= 200; seed++) {
			const random = generator(seed);
			const publication = breakdown('b', groups(random, 2 + Math.floor(random() * 4)));
			const report = suppress(publication, 5);
			const secondary = [...report.cells.values()].filter((c) => c.suppressed === 'secondary').length;
			const view = readerView(publication, report);
			const unhidden = new Map([...view.displays].map(([id, d]) => [id, d === 'hidden' ? String(publication.counts.find((c) => c.id === id)?.value) : d]));
			const candidates = [...unhidden].filter(([, d]) => /^\d+$/.test(d) && d !== '0').map(([id]) => id);
			expect({ seed, secondary }).toEqual({ seed, secondary: fewestProtecting({ ...view, displays: unhidden }, candidates) });
		}
	});
});
