import type { Publication, Sum } from '../publication';
import { AGENCY_GROUPS, CAME_TO_LIGHT_GROUPS, CHARACTERISTICS, FOLLOWED_GROUPS, OUTCOME_GROUPS } from './groups';

/**
 * The figures the service report publishes for one scope (the whole service, or one school), as ids,
 * and the sums a reader knows tie them together (publication.ts). The same shape for every scope, so
 * each service figure is the sum of the schools' figures (family.ts).
 *
 * A total that two tables share (the evaluation-consented referrals behind every characteristic) has
 * one id: two ids for one number would let a figure hidden under one be read under the other.
 */
export const FOLLOW_UP_STATUSES = ['returned', 'not_returned', 'awaiting'] as const;
export const ESCALATION_STATUSES = ['decided', 'awaiting', 'withdrawn'] as const;
export const FOLLOW_UP_MEASURES = ['noFurther', 'incident', 'police', 'suspension'] as const;
export type FollowUpMeasure = (typeof FOLLOW_UP_MEASURES)[number];

export interface Shape {
	/** Ids in publication order, with whether each is printed (an unprinted one is still reasoned about). */
	readonly ids: readonly { id: string; published: boolean }[];
	readonly sums: readonly Sum[];
}

export function serviceShape(trendKeys: readonly string[]): Shape {
	const ids: { id: string; published: boolean }[] = [];
	const sums: Sum[] = [];
	const add = (...list: string[]) => ids.push(...list.map((id) => ({ id, published: true })));
	const group = (total: string, parts: string[], addTotal = true) => {
		if (addTotal) add(total);
		add(...parts);
		sums.push({ total, parts });
	};
	const outcomes = OUTCOME_GROUPS.map((o) => o.value);
	const followed = FOLLOWED_GROUPS.map((o) => o.value);

	group('referrals', CAME_TO_LIGHT_GROUPS.map((g) => `referrals/${g.value}`));
	add('funnel/consented', 'funnel/assessed', 'funnel/engaged', 'funnel/completed', 'timed/triage', 'timed/contact');
	add('sla/triage', 'sla/countersign', 'sla/escalation', 'declined');
	// Escalations sent, by agency and by how far each got: a two-way table with its margins. The
	// column totals are the "decided" and "awaiting" figures of the summary table (one id each).
	const agencies = AGENCY_GROUPS.map((a) => a.value);
	add('escalations', ...ESCALATION_STATUSES.map((st) => `escalations/${st}`));
	for (const a of agencies) group(`escalations/${a}`, ESCALATION_STATUSES.map((st) => `escalations/${a}/${st}`));
	for (const st of ESCALATION_STATUSES) sums.push({ total: `escalations/${st}`, parts: agencies.map((a) => `escalations/${a}/${st}`) });
	sums.push({ total: 'escalations', parts: ESCALATION_STATUSES.map((st) => `escalations/${st}`) }, { total: 'escalations', parts: agencies.map((a) => `escalations/${a}`) });
	add(...AGENCY_GROUPS.map((a) => `agency/${a.value}`));
	add('onward/made', 'onward/takenUp', 'exclusionsAvoided', 'daysAvoided');

	group('outcomes', outcomes.map((o) => `outcomes/${o}`));
	for (const measure of ['set', 'achieved', 'partly'] as const) group(`goals/${measure}`, outcomes.map((o) => `goals/${measure}/${o}`));
	// Goals not achieved are not printed, but a reader knows they are 0 or more: set = achieved + partly + not.
	for (const o of outcomes) {
		ids.push({ id: `goals/not/${o}`, published: false });
		sums.push({ total: `goals/set/${o}`, parts: [`goals/achieved/${o}`, `goals/partly/${o}`, `goals/not/${o}`] });
	}

	for (const months of [6, 12] as const) {
		const fu = `fu${months}`;
		// Follow-ups due, by outcome group and by what became of them; "engaged" is completed plus partially completed.
		for (const g of followed) group(`${fu}/${g}`, FOLLOW_UP_STATUSES.map((st) => `${fu}/${g}/${st}`));
		group(`${fu}/engaged`, FOLLOW_UP_STATUSES.map((st) => `${fu}/engaged/${st}`));
		sums.push({ total: `${fu}/engaged`, parts: [`${fu}/completed`, `${fu}/partially_completed`] });
		for (const st of FOLLOW_UP_STATUSES) sums.push({ total: `${fu}/engaged/${st}`, parts: [`${fu}/completed/${st}`, `${fu}/partially_completed/${st}`] });
		group(`${fu}/all`, FOLLOW_UP_STATUSES.map((st) => `${fu}/all/${st}`));
		sums.push({ total: `${fu}/all`, parts: followed.map((g) => `${fu}/${g}`) });
		for (const st of FOLLOW_UP_STATUSES) sums.push({ total: `${fu}/all/${st}`, parts: followed.map((g) => `${fu}/${g}/${st}`) });
		for (const m of FOLLOW_UP_MEASURES) {
			group(`${fu}/${m}/all`, followed.map((g) => `${fu}/${m}/${g}`));
			add(`${fu}/${m}/engaged`);
			sums.push({ total: `${fu}/${m}/engaged`, parts: [`${fu}/${m}/completed`, `${fu}/${m}/partially_completed`] });
		}
	}

	add('eq/referrals', 'eq/outcomes', 'eq/completed');
	for (const c of CHARACTERISTICS) {
		for (const measure of ['referrals', 'outcomes', 'completed'] as const) {
			group(`eq/${measure}`, c.groups.map((g) => `eq/${c.key}/${measure}/${g.value}`), false);
		}
	}
	for (const key of trendKeys) add(`trend/${key}/referrals`, `trend/${key}/completed`);
	return { ids, sums };
}

/** One scope's figures in the shape: every id must have a value. */
export function publicationOf(shape: Shape, values: ReadonlyMap<string, number>): Publication {
	return {
		counts: shape.ids.map(({ id, published }) => {
			const value = values.get(id);
			if (value === undefined) throw new Error(`No value for ${id}`);
			return { id, value, published };
		}),
		sums: shape.sums
	};
}
