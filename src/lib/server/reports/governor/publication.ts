import { combine, separateCounts, sideBySide, type Count, type Publication, type Sum } from '../publication';
import { CHARACTERISTICS } from './groups';
import type { BreakdownFigures, PeriodFigures } from './load';

/**
 * What a governor's report publishes, as one publication for small-number suppression (DOMAIN.md §5).
 * Every figure any output prints is a cell of it, and the sums a reader knows are modelled with it:
 * the headteacher's decisions and each characteristic's groups add up to the referrals, the outcomes
 * and each characteristic's outcome groups to the outcomes, and each characteristic's completions to
 * the completions. So a figure hidden in one table cannot be worked out from another, and the page,
 * charts, PDF and CSV all print the same thing. Pure.
 *
 * Ids: `referrals`, `decision/<decision>`, `outcomes/<outcome>`, `escalation/<agency>`,
 * `fu6/<count>`, `referrals/<characteristic>/<group>`, `completed/<characteristic>/<group>`; each
 * period's figures prefixed by its view (`current:`, `previous:`, `earlier-1:` …).
 */

const counts = (entries: Record<string, number>): Count[] => Object.entries(entries).map(([id, value]) => ({ id, value, published: true }));

/**
 * A reader knows some figures are part of others (consents of referrals, completions of a group's
 * outcomes): the part joins a sum with the unprinted rest, so suppression knows a part can never be
 * larger than its whole (a hidden 5 or more under a printed 5 would otherwise be pinned to 5).
 */
function subsets(values: ReadonlyMap<string, number>, pairs: readonly (readonly [part: string, whole: string])[]): Publication {
	const rests: Count[] = [];
	const sums: Sum[] = [];
	for (const [part, whole] of pairs) {
		const rest = `${part}~rest-of~${whole}`;
		rests.push({ id: rest, value: Math.max(0, (values.get(whole) ?? 0) - (values.get(part) ?? 0)), published: false });
		sums.push({ total: whole, parts: [part, rest] });
	}
	return { counts: rests, sums };
}

function headline(f: PeriodFigures): Publication {
	const prefixed = (prefix: string, values: Record<string, number>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [`${prefix}/${k}`, v]));
	const decisions = prefixed('decision', f.decisions);
	const outcomes = prefixed('outcomes', f.outcomes);
	const base = separateCounts({
		referrals: f.referrals,
		...decisions,
		suspensionDaysAvoided: f.suspensionDaysAvoided,
		permanentExclusionsAvoided: f.permanentExclusionsAvoided,
		consents: f.consents,
		assessments: f.assessments,
		cohortCompleted: f.cohortCompleted,
		...prefixed('escalation', f.escalations),
		outcomes: Object.values(f.outcomes).reduce((a, b) => a + b, 0),
		...outcomes,
		...prefixed('fu6', { ...f.followUps[6] }),
		...prefixed('fu12', { ...f.followUps[12] })
	});
	const sums: Sum[] = [
		{ total: 'referrals', parts: Object.keys(decisions) },
		{ total: 'outcomes', parts: Object.keys(outcomes) }
	];
	const values = new Map(base.counts.map((c) => [c.id, c.value]));
	const followUpPairs = (fu: string) =>
		[
			[`${fu}/returned`, `${fu}/due`],
			[`${fu}/furtherIncident`, `${fu}/returned`],
			[`${fu}/suspension`, `${fu}/returned`]
		] as const;
	const within = subsets(values, [
		['permanentExclusionsAvoided', 'decision/instead_of_permanent_exclusion'],
		['consents', 'referrals'],
		['assessments', 'referrals'],
		['cohortCompleted', 'referrals'],
		...Object.keys(f.escalations).map((agency) => [`escalation/${agency}`, 'referrals'] as const),
		...followUpPairs('fu6'),
		...followUpPairs('fu12')
	]);
	return { counts: [...base.counts, ...within.counts], sums: [...sums, ...within.sums] };
}

function breakdowns(b: BreakdownFigures): Publication {
	const all: Count[] = [];
	const sums: Sum[] = [];
	for (const c of CHARACTERISTICS) {
		const figures = b[c.key];
		if (!figures) continue;
		for (const [measure, total] of [
			['referrals', 'referrals'],
			['outcomes', 'outcomes'],
			['completed', 'outcomes/completed']
		] as const) {
			const ids = Object.fromEntries(c.groups.map((g) => [`${measure}/${c.key}/${g.code}`, figures[measure][g.code] ?? 0]));
			all.push(...counts(ids));
			sums.push({ total, parts: Object.keys(ids) });
		}
	}
	const values = new Map(all.map((c) => [c.id, c.value]));
	const within = subsets(
		values,
		CHARACTERISTICS.flatMap((c) => c.groups.map((g) => [`completed/${c.key}/${g.code}`, `outcomes/${c.key}/${g.code}`] as const))
	);
	return { counts: [...all, ...within.counts], sums: [...sums, ...within.sums] };
}

export interface GovernorFigures {
	current: PeriodFigures;
	breakdowns: BreakdownFigures;
	previous: PeriodFigures | null;
	/** Earlier periods for the trend, most recent first. */
	earlier: { referrals: number; completed: number }[];
}

/** The one publication the report's every output takes its cells from. */
export function governorPublication(figures: GovernorFigures): Publication {
	const views: Record<string, Publication> = { current: combine(headline(figures.current), breakdowns(figures.breakdowns)) };
	if (figures.previous) views.previous = headline(figures.previous);
	figures.earlier.forEach((e, i) => {
		views[`earlier-${i + 1}`] = separateCounts({ referrals: e.referrals, 'outcomes/completed': e.completed });
	});
	return sideBySide(views);
}
