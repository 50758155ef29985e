import type { Queryable } from '../../db';
import { breakdown, cameToLightFigures, cohortFigures, escalationsByAgency, followUpFigures, outcomeFigures, submissionFigures, timings, type Scope } from '../aggregates';
import type { Period } from '../periods';
import { AGENCY_GROUPS, CAME_TO_LIGHT_GROUPS, CHARACTERISTICS, FOLLOWED_GROUPS, groupOf, OUTCOME_GROUPS } from './groups';
import { FOLLOW_UP_STATUSES } from './shape';

/**
 * One scope's raw figures for the service report, from the aggregates (aggregates.ts, definitions in
 * metrics.ts), under the ids of shape.ts. Nothing is suppressed here.
 */
export interface ScopeFigures {
	values: Map<string, number>;
	/** Medians are not counts: printed only when enough cases are behind them (view.ts). */
	medians: { triageHours: number | null; firstContactDays: number | null };
}

const n = (value: unknown) => Number(value ?? 0);

export async function scopeFigures(q: Queryable, scope: Scope, period: Period, trend: readonly Period[]): Promise<ScopeFigures> {
	const values = new Map<string, number>();
	const set = (id: string, value: unknown) => values.set(id, (values.get(id) ?? 0) + n(value));

	for (const g of CAME_TO_LIGHT_GROUPS) set(`referrals/${g.value}`, 0);
	for (const row of await cameToLightFigures(q, scope, period)) set(`referrals/${groupOf(row.cameToLight, CAME_TO_LIGHT_GROUPS)}`, row.referrals);
	set('referrals', [...values].filter(([id]) => id.startsWith('referrals/')).reduce((s, [, v]) => s + v, 0));

	const sub = await submissionFigures(q, scope, period);
	const cohort = await cohortFigures(q, scope, period);
	set('funnel/consented', sub?.consents);
	set('funnel/assessed', sub?.assessments);
	set('funnel/engaged', sub?.engaged);
	set('funnel/completed', cohort.completed);
	set('timed/triage', cohort.triaged);
	set('timed/contact', cohort.firstContacted);
	set('sla/triage', sub?.triageBreaches);
	set('sla/countersign', sub?.countersignBreaches);
	set('sla/escalation', sub?.escalationBreaches);
	set('declined', sub?.declinedEscalations);
	set('escalations/decided', sub?.escalationsDecided);
	set('escalations/awaiting', n(sub?.escalations) - n(sub?.escalationsDecided));
	set('escalations', sub?.escalations);
	const agencies = await escalationsByAgency(q, scope, period, AGENCY_GROUPS.map((a) => a.value));
	for (const a of AGENCY_GROUPS) set(`agency/${a.value}`, agencies[a.value]);
	set('onward/made', sub?.onwardMade);
	set('onward/takenUp', sub?.onwardTakenUp);
	set('exclusionsAvoided', sub?.permanentExclusionsAvoided);
	set('daysAvoided', sub?.suspensionDaysAvoided);

	const outcomes = await outcomeFigures(q, scope, period);
	set('outcomes', 0);
	for (const m of ['set', 'achieved', 'partly', 'not'] as const) set(`goals/${m}`, 0);
	for (const o of OUTCOME_GROUPS) {
		const row = outcomes.find((r) => r.outcome === o.value);
		set(`outcomes/${o.value}`, row?.cases);
		set('outcomes', row?.cases);
		set(`goals/set/${o.value}`, row?.goalsSet);
		set(`goals/achieved/${o.value}`, row?.goalsAchieved);
		set(`goals/partly/${o.value}`, row?.goalsPartly);
		set(`goals/not/${o.value}`, n(row?.goalsSet) - n(row?.goalsAchieved) - n(row?.goalsPartly));
		for (const m of ['set', 'achieved', 'partly'] as const) set(`goals/${m}`, values.get(`goals/${m}/${o.value}`));
	}
	values.delete('goals/not');

	for (const months of [6, 12] as const) await followUps(q, scope, period, months, set);

	set('eq/referrals', 0);
	set('eq/outcomes', 0);
	set('eq/completed', 0);
	for (const c of CHARACTERISTICS) {
		for (const g of c.groups) for (const m of ['referrals', 'outcomes', 'completed']) set(`eq/${c.key}/${m}/${g.value}`, 0);
		const rows = await breakdown(q, scope, period, c.key, { evaluationOnly: true });
		for (const r of rows.referrals) set(`eq/${c.key}/referrals/${groupOf(r.group, c.groups)}`, r.referrals);
		for (const r of rows.outcomes) {
			set(`eq/${c.key}/outcomes/${groupOf(r.group, c.groups)}`, r.outcomes);
			set(`eq/${c.key}/completed/${groupOf(r.group, c.groups)}`, r.completed);
		}
		if (c === CHARACTERISTICS[0]) {
			set('eq/referrals', rows.referrals.reduce((s, r) => s + n(r.referrals), 0));
			set('eq/outcomes', rows.outcomes.reduce((s, r) => s + n(r.outcomes), 0));
			set('eq/completed', rows.outcomes.reduce((s, r) => s + n(r.completed), 0));
		}
	}

	for (const p of trend) {
		set(`trend/${p.key}/referrals`, (await submissionFigures(q, scope, p))?.referrals);
		set(`trend/${p.key}/completed`, (await outcomeFigures(q, scope, p)).find((r) => r.outcome === 'completed')?.cases);
	}

	const times = await timings(q, scope, period);
	return {
		values,
		medians: {
			triageHours: times.triageMinutes.value === null ? null : Math.round((times.triageMinutes.value / 60) * 10) / 10,
			firstContactDays: times.submittedToFirstContact.value
		}
	};
}

async function followUps(q: Queryable, scope: Scope, period: Period, months: 6 | 12, set: (id: string, value: unknown) => void) {
	const fu = `fu${months}`;
	const rows = await followUpFigures(q, scope, period, months);
	const groups = [...FOLLOWED_GROUPS.map((g) => g.value), 'engaged', 'all'];
	for (const g of groups) {
		set(`${fu}/${g}`, 0);
		for (const st of FOLLOW_UP_STATUSES) set(`${fu}/${g}/${st}`, 0);
	}
	for (const m of ['noFurther', 'incident', 'police', 'suspension']) for (const g of [...FOLLOWED_GROUPS.map((x) => x.value), 'engaged', 'all']) set(`${fu}/${m}/${g}`, 0);
	for (const g of FOLLOWED_GROUPS) {
		const row = rows.find((r) => r.outcome === g.value);
		if (!row) continue;
		const statuses = { returned: row.returned, not_returned: row.notReturned, awaiting: n(row.due) - n(row.returned) - n(row.notReturned) };
		const measures = { noFurther: row.noFurtherKnown, incident: row.furtherIncident, police: row.police, suspension: row.suspension };
		const into = g.value === 'did_not_engage' ? [g.value, 'all'] : [g.value, 'engaged', 'all'];
		for (const target of into) {
			set(`${fu}/${target}`, row.due);
			for (const st of FOLLOW_UP_STATUSES) set(`${fu}/${target}/${st}`, statuses[st]);
			for (const [m, value] of Object.entries(measures)) set(`${fu}/${m}/${target}`, value);
		}
	}
}
