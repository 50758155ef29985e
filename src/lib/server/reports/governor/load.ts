import { and, eq } from 'drizzle-orm';
import { ESCALATION_AGENCY_VALUES } from '$lib/escalation-agencies';
import { OUTCOME_VALUES } from '$lib/outcomes';
import { t, type Queryable } from '../../db';
import { breakdownBy, cohortCompletions, escalationsByAgency, followUpFigures, outcomeFigures, submissionFigures, timings, type Scope } from '../aggregates';
import type { Period } from '../periods';
import { CHARACTERISTICS } from './groups';

/**
 * The raw, unsuppressed figures of one school for one period, read from the anonymised statistics rows.
 * Nothing here leaves the server as it is: publication.ts and suppression turn it into printed cells.
 */
export interface FollowUpCounts {
	due: number;
	returned: number;
	furtherIncident: number;
	suspension: number;
}

export interface PeriodFigures {
	referrals: number;
	decisions: Record<'instead_of_suspension' | 'instead_of_permanent_exclusion' | 'alongside_suspension' | 'not_recorded', number>;
	suspensionDaysAvoided: number;
	permanentExclusionsAvoided: number;
	consents: number;
	assessments: number;
	cohortCompleted: number;
	incidentToFirstSession: { value: number | null; of: number };
	escalations: Record<string, number>;
	outcomes: Record<string, number>;
	followUps: { 6: FollowUpCounts; 12: FollowUpCounts };
}

/** Per characteristic and group: referrals (by submission), outcomes and completions (by outcome date). */
export type BreakdownFigures = Record<string, { referrals: Record<string, number>; outcomes: Record<string, number>; completed: Record<string, number> }>;

const n = (value: unknown) => Number(value ?? 0);

async function followUps(q: Queryable, scope: Scope, period: Period, months: 6 | 12): Promise<FollowUpCounts> {
	const rows = await followUpFigures(q, scope, period, months);
	const sum = (key: keyof FollowUpCounts) => rows.reduce((total, row) => total + n(row[key]), 0);
	return { due: sum('due'), returned: sum('returned'), furtherIncident: sum('furtherIncident'), suspension: sum('suspension') };
}

export async function periodFigures(q: Queryable, scope: Scope, period: Period): Promise<PeriodFigures> {
	const f = await submissionFigures(q, scope, period);
	const referrals = n(f?.referrals);
	const decided = { instead_of_suspension: n(f?.insteadOfSuspension), instead_of_permanent_exclusion: n(f?.insteadOfPermanentExclusion), alongside_suspension: n(f?.alongsideSuspension) };
	const outcomeRows = await outcomeFigures(q, scope, period);
	return {
		referrals,
		decisions: { ...decided, not_recorded: referrals - Object.values(decided).reduce((a, b) => a + b, 0) },
		suspensionDaysAvoided: n(f?.suspensionDaysAvoided),
		permanentExclusionsAvoided: n(f?.permanentExclusionsAvoided),
		consents: n(f?.consents),
		assessments: n(f?.assessments),
		cohortCompleted: await cohortCompletions(q, scope, period),
		incidentToFirstSession: (await timings(q, scope, period)).incidentToFirstSession,
		escalations: await escalationsByAgency(q, scope, period, ESCALATION_AGENCY_VALUES),
		outcomes: Object.fromEntries(OUTCOME_VALUES.map((o) => [o, n(outcomeRows.find((r) => r.outcome === o)?.cases)])),
		followUps: { 6: await followUps(q, scope, period, 6), 12: await followUps(q, scope, period, 12) }
	};
}

/** Referrals and completions only: the earlier periods of the trend chart. */
export async function trendFigures(q: Queryable, scope: Scope, period: Period): Promise<{ referrals: number; completed: number }> {
	const f = await submissionFigures(q, scope, period);
	const outcomeRows = await outcomeFigures(q, scope, period);
	return { referrals: n(f?.referrals), completed: n(outcomeRows.find((r) => r.outcome === 'completed')?.cases) };
}

/** The school's own report keeps cases without evaluation consent (DOMAIN.md §3 step 2). */
export async function breakdownFigures(q: Queryable, scope: Scope, period: Period): Promise<BreakdownFigures> {
	const result: BreakdownFigures = {};
	for (const c of CHARACTERISTICS) {
		const rows = await breakdownBy(q, scope, period, c.expression, { evaluationOnly: false });
		const empty = () => Object.fromEntries(c.groups.map((g) => [g.code, 0])) as Record<string, number>;
		const figures = { referrals: empty(), outcomes: empty(), completed: empty() };
		for (const row of rows.referrals) figures.referrals[c.codeOf(row.group)] = (figures.referrals[c.codeOf(row.group)] ?? 0) + n(row.referrals);
		for (const row of rows.outcomes) {
			const code = c.codeOf(row.group);
			figures.outcomes[code] = (figures.outcomes[code] ?? 0) + n(row.outcomes);
			figures.completed[code] = (figures.completed[code] ?? 0) + n(row.completed);
		}
		result[c.key] = figures;
	}
	return result;
}

/** The school's numbers on roll for one academic year, by characteristic and group (blank groups absent). */
export async function rollFigures(q: Queryable, scope: Scope & { schoolId: string }, academicYear: number): Promise<Record<string, Record<string, number>>> {
	const rows = await q
		.select({ characteristic: t.schoolRoll.characteristic, groupCode: t.schoolRoll.groupCode, count: t.schoolRoll.count })
		.from(t.schoolRoll)
		.where(and(eq(t.schoolRoll.schoolId, scope.schoolId), eq(t.schoolRoll.serviceId, scope.serviceId), eq(t.schoolRoll.academicYear, academicYear)));
	const roll: Record<string, Record<string, number>> = {};
	for (const row of rows) (roll[row.characteristic] ??= {})[row.groupCode] = row.count;
	return roll;
}
