/**
 * What a report publishes, before small-number suppression (DOMAIN.md §5): its counts, and the sums
 * that tie them together. The sums matter as much as the counts: anyone reading the report knows that
 * a breakdown's groups add up to its total, so suppression has to reason about them, and so does the
 * recovery test that plays the attacker.
 *
 * Ids are plain strings; the builders below name them `name` (a total), `name/group` (a group),
 * `name/row/column` (a cross-tab cell) and prefix whole views with `view:` (`current:`, `school:`).
 */

export interface Count {
	readonly id: string;
	readonly value: number;
	/** False for a count that is not printed but that the reader can still reason about (the rest of the service beside a school). */
	readonly published: boolean;
}

/** `total` equals the sum of `parts`. Every count here is a whole number of people, never negative. */
export interface Sum {
	readonly total: string;
	readonly parts: readonly string[];
}

export interface Publication {
	readonly counts: readonly Count[];
	readonly sums: readonly Sum[];
	/** Views that can be suppressed one at a time first (a service's schools), to speed up suppression of the whole. */
	readonly blocks?: readonly (readonly string[])[];
}

function assertCount(id: string, value: number): void {
	if (!Number.isInteger(value) || value < 0) throw new Error(`Count ${id} must be a whole number of 0 or more`);
}

/** Counts with no sum between them: the stages of a funnel (each stage is a subset of the last, not a part of a total). */
export function separateCounts(counts: Record<string, number>): Publication {
	return {
		counts: Object.entries(counts).map(([id, value]) => (assertCount(id, value), { id, value, published: true })),
		sums: []
	};
}

/**
 * A breakdown: groups and their total, published together. The total is the sum of the groups, so a
 * report must give every record a group (an "Unknown" or "Not recorded" group when the value is missing):
 * a total that is not the sum would be a second, unmodelled figure.
 */
export function breakdown(name: string, groups: Record<string, number>): Publication {
	const entries = Object.entries(groups);
	const counts = entries.map(([group, value]) => (assertCount(`${name}/${group}`, value), { id: `${name}/${group}`, value, published: true }));
	const total = entries.reduce((sum, [, value]) => sum + value, 0);
	return { counts: [{ id: name, value: total, published: true }, ...counts], sums: [{ total: name, parts: counts.map((c) => c.id) }] };
}

/**
 * A two-way table (say ethnicity within sex) with its row totals, column totals and grand total, all
 * published. Row and column totals are each tied to the cells and to the grand total.
 */
export function crossTab(name: string, rows: Record<string, Record<string, number>>): Publication {
	const table = Object.entries(rows);
	const columns = [...new Set(table.flatMap(([, row]) => Object.keys(row)))];
	const at = (row: string, column: string) => `${name}/${row}/${column}`;
	const cells = table.flatMap(([row, values]) => columns.map((column) => ({ id: at(row, column), value: values[column] ?? 0, published: true })));
	for (const c of cells) assertCount(c.id, c.value);
	const valueOf = new Map(cells.map((c) => [c.id, c.value]));
	const totalOf = (id: string, parts: string[]): Count => ({ id, value: parts.reduce((s, part) => s + (valueOf.get(part) ?? 0), 0), published: true });
	const rowSums: Sum[] = table.map(([row]) => ({ total: `${name}/${row}`, parts: columns.map((column) => at(row, column)) }));
	const columnSums: Sum[] = columns.map((column) => ({ total: `${name}/*/${column}`, parts: table.map(([row]) => at(row, column)) }));
	const margins = [...rowSums, ...columnSums].map((s) => totalOf(s.total, [...s.parts]));
	const grand = totalOf(name, cells.map((c) => c.id));
	return {
		counts: [grand, ...margins, ...cells],
		sums: [...rowSums, ...columnSums, { total: name, parts: rowSums.map((s) => s.total) }, { total: name, parts: columnSums.map((s) => s.total) }]
	};
}

/** Several parts of one report in one publication. Ids must not repeat. */
export function combine(...publications: Publication[]): Publication {
	const counts = publications.flatMap((p) => p.counts);
	const seen = new Set<string>();
	for (const c of counts) {
		if (seen.has(c.id)) throw new Error(`Count ${c.id} appears twice in one report`);
		seen.add(c.id);
	}
	return { counts, sums: publications.flatMap((p) => p.sums) };
}

/** The same publication with every id prefixed by `view:`, so two views can sit in one report. */
export function within(view: string, publication: Publication): Publication {
	const rename = (id: string) => `${view}:${id}`;
	return {
		counts: publication.counts.map((c) => ({ ...c, id: rename(c.id) })),
		sums: publication.sums.map((s) => ({ total: rename(s.total), parts: s.parts.map(rename) }))
	};
}

/**
 * Two periods side by side (this term and the last), or any views of different people. Nothing ties them
 * together unless the report prints something that does: a change column goes through `difference`, and a
 * period that contains the other (year to date beside this term) is `partOfWhole`.
 */
export function sideBySide(views: Record<string, Publication>): Publication {
	return combine(...Object.entries(views).map(([view, publication]) => within(view, publication)));
}

/**
 * A view of part of the people (one school) beside the same view of all of them (the whole service),
 * built the same way. The rest (`whole - part`, cell by cell) is not printed, but a reader can subtract,
 * so it joins the publication unpublished, with the same sums, and each whole cell is the part's cell
 * plus the rest's.
 */
export function partOfWhole(part: Publication, whole: Publication, names: { part: string; whole: string; rest: string }): Publication {
	const wholeValues = new Map(whole.counts.map((c) => [c.id, c.value]));
	const rest: Publication = {
		counts: part.counts.map((c) => {
			const wholeValue = wholeValues.get(c.id);
			if (wholeValue === undefined) throw new Error(`Count ${c.id} is in the part but not in the whole`);
			if (wholeValue < c.value) throw new Error(`Count ${c.id} is larger in the part than in the whole`);
			return { id: c.id, value: wholeValue - c.value, published: false };
		}),
		sums: part.sums
	};
	const links: Sum[] = part.counts.map((c) => ({ total: `${names.whole}:${c.id}`, parts: [`${names.part}:${c.id}`, `${names.rest}:${c.id}`] }));
	const joined = combine(within(names.part, part), within(names.whole, whole), within(names.rest, rest));
	return { counts: joined.counts, sums: [...joined.sums, ...links] };
}
