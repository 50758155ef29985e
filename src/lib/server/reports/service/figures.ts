import type { Queryable } from '../../db';
import { breakdown, cameToLightFigures, cohortRows, escalationAgencyRows, escalationOutcomeRows, followUpFigures, outcomeFigures, submissionRows, timings, type Scope, type SubmissionFigures } from '../aggregates';
import type { Period } from '../periods';
import { AGENCY_GROUPS, CAME_TO_LIGHT_GROUPS, CHARACTERISTICS, FOLLOWED_GROUPS, groupOf, OUTCOME_GROUPS } from './groups';
import { ESCALATION_STATUSES, FOLLOW_UP_STATUSES } from './shape';

/**
 * Every school's raw figures for the service report, from the aggregates (aggregates.ts, definitions in
 * metrics.ts), under the ids of shape.ts. Nothing is suppressed here. Each query runs once for the whole
 * service, grouped by school (a hundred schools are one pass over the service's rows, not a hundred).
 */
const n = (value: unknown) => Number(value ?? 0);

type Rows<T> = readonly (T & { schoolId?: string })[];

/** What the service's queries returned, one row per school (and group). */
interface ServiceRows {
	cameToLight: Rows<{ cameToLight: string | null; referrals: number }>;
	submission: Rows<SubmissionFigures>;
	cohort: Rows<{ completed: number; triaged: number; firstContacted: number }>;
	agencies: Rows<{ counts: Record<string, number> }>;
	escalations: Rows<{ agency: string; status: string; escalations: number }>;
	outcomes: Rows<OutcomeRow>;
	followUps: Record<6 | 12, Rows<FollowUpRow>>;
	breakdowns: Map<string, { referrals: Rows<{ group: unknown; referrals: number }>; outcomes: Rows<{ group: unknown; outcomes: number; completed: number }> }>;
	trend: { key: string; submission: Rows<{ referrals: number }>; outcomes: Rows<OutcomeRow> }[];
}

type OutcomeRow = Awaited<ReturnType<typeof outcomeFigures>>[number];
type FollowUpRow = Awaited<ReturnType<typeof followUpFigures>>[number];

export async function schoolFigures(q: Queryable, serviceId: string, schoolIds: readonly string[], period: Period, trend: readonly Period[]): Promise<Map<string, Map<string, number>>> {
	const scope: Scope = { serviceId, bySchool: true };
	const breakdowns: ServiceRows['breakdowns'] = new Map();
	for (const c of CHARACTERISTICS) breakdowns.set(c.key, await breakdown(q, scope, period, c.key, { evaluationOnly: true }));
	const rows: ServiceRows = {
		cameToLight: await cameToLightFigures(q, scope, period),
		submission: await submissionRows(q, scope, period),
		cohort: await cohortRows(q, scope, period),
		agencies: await escalationAgencyRows(q, scope, period, AGENCY_GROUPS.map((a) => a.value)),
		escalations: await escalationOutcomeRows(q, scope, period),
		outcomes: await outcomeFigures(q, scope, period),
		followUps: { 6: await followUpFigures(q, scope, period, 6), 12: await followUpFigures(q, scope, period, 12) },
		breakdowns,
		trend: []
	};
	for (const p of trend) rows.trend.push({ key: p.key, submission: await submissionRows(q, scope, p), outcomes: await outcomeFigures(q, scope, p) });
	return new Map(schoolIds.map((id) => [id, figuresOf(rows, id)]));
}

function figuresOf(all: ServiceRows, schoolId: string): Map<string, number> {
	const mine = <T extends { schoolId?: string }>(rows: readonly T[]) => rows.filter((r) => r.schoolId === schoolId);
	const values = new Map<string, number>();
	const set = (id: string, value: unknown) => values.set(id, (values.get(id) ?? 0) + n(value));

	for (const g of CAME_TO_LIGHT_GROUPS) set(`referrals/${g.value}`, 0);
	for (const row of mine(all.cameToLight)) set(`referrals/${groupOf(row.cameToLight, CAME_TO_LIGHT_GROUPS)}`, row.referrals);
	set('referrals', [...values].filter(([id]) => id.startsWith('referrals/')).reduce((s, [, v]) => s + v, 0));

	const [sub] = mine(all.submission);
	const [cohort] = mine(all.cohort);
	set('funnel/consented', sub?.consents);
	set('funnel/assessed', sub?.assessments);
	set('funnel/engaged', sub?.engaged);
	set('funnel/completed', cohort?.completed);
	set('timed/triage', cohort?.triaged);
	set('timed/contact', cohort?.firstContacted);
	set('sla/triage', sub?.triageBreaches);
	set('sla/countersign', sub?.countersignBreaches);
	set('sla/escalation', sub?.escalationBreaches);
	set('declined', sub?.declinedEscalations);
	for (const st of ESCALATION_STATUSES) set(`escalations/${st}`, 0);
	for (const a of AGENCY_GROUPS) {
		set(`escalations/${a.value}`, 0);
		for (const st of ESCALATION_STATUSES) set(`escalations/${a.value}/${st}`, 0);
	}
	set('escalations', 0);
	for (const row of mine(all.escalations)) {
		const agency = AGENCY_GROUPS.find((a) => a.value === row.agency)?.value;
		const status = ESCALATION_STATUSES.find((st) => st === row.status);
		if (!agency || !status) continue;
		for (const id of [`escalations/${agency}/${status}`, `escalations/${agency}`, `escalations/${status}`, 'escalations']) set(id, row.escalations);
	}
	const [agencies] = mine(all.agencies);
	for (const a of AGENCY_GROUPS) set(`agency/${a.value}`, agencies?.counts[a.value]);
	set('onward/made', sub?.onwardMade);
	set('onward/takenUp', sub?.onwardTakenUp);
	set('exclusionsAvoided', sub?.permanentExclusionsAvoided);
	set('daysAvoided', sub?.suspensionDaysAvoided);

	const outcomes = mine(all.outcomes);
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

	for (const months of [6, 12] as const) followUps(mine(all.followUps[months]), months, set);

	set('eq/referrals', 0);
	set('eq/outcomes', 0);
	set('eq/completed', 0);
	for (const c of CHARACTERISTICS) {
		for (const g of c.groups) for (const m of ['referrals', 'outcomes', 'completed']) set(`eq/${c.key}/${m}/${g.value}`, 0);
		const rows = all.breakdowns.get(c.key);
		const referrals = mine(rows?.referrals ?? []);
		const outcomeRows = mine(rows?.outcomes ?? []);
		for (const r of referrals) set(`eq/${c.key}/referrals/${groupOf(r.group, c.groups)}`, r.referrals);
		for (const r of outcomeRows) {
			set(`eq/${c.key}/outcomes/${groupOf(r.group, c.groups)}`, r.outcomes);
			set(`eq/${c.key}/completed/${groupOf(r.group, c.groups)}`, r.completed);
		}
		if (c === CHARACTERISTICS[0]) {
			set('eq/referrals', referrals.reduce((s, r) => s + n(r.referrals), 0));
			set('eq/outcomes', outcomeRows.reduce((s, r) => s + n(r.outcomes), 0));
			set('eq/completed', outcomeRows.reduce((s, r) => s + n(r.completed), 0));
		}
	}

	for (const p of all.trend) {
		set(`trend/${p.key}/referrals`, mine(p.submission)[0]?.referrals);
		set(`trend/${p.key}/completed`, mine(p.outcomes).find((r) => r.outcome === 'completed')?.cases);
	}
	return values;
}

/** The medians of one scope (a school, or the whole service): printed only when enough cases are behind them (view.ts). */
export async function scopeMedians(q: Queryable, scope: Scope, period: Period): Promise<{ triageHours: number | null; firstContactDays: number | null }> {
	const times = await timings(q, scope, period);
	return {
		triageHours: times.triageMinutes.value === null ? null : Math.round((times.triageMinutes.value / 60) * 10) / 10,
		firstContactDays: times.submittedToFirstContact.value
	};
}

function followUps(rows: readonly FollowUpRow[], months: 6 | 12, set: (id: string, value: unknown) => void) {
	const fu = `fu${months}`;
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
