import { and, between, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import { t, type Queryable } from '../db';
import type { Period } from './periods';

/**
 * The raw figures of one scope (a school, or a service with an optional school filter) for one
 * period, as aggregates in SQL over the statistics rows (DOMAIN.md §5; definitions in metrics.ts).
 * Nothing here is suppressed yet: suppression applies to every output, after this.
 */
export interface Scope {
	serviceId: string;
	schoolId?: string | null;
	/** One row per school (and group) rather than one for the scope: the service report reads every school at once. */
	bySchool?: boolean;
}

const s = t.referralStatistic;
const count = (condition: SQL) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;
const total = (value: SQL) => sql<number>`coalesce(sum(${value}), 0)`;

/** The school column, selected and grouped by when the scope asks for one row per school. */
const perSchool = (scope: Scope) => (scope.bySchool ? { schoolId: s.schoolId } : {}) as { schoolId?: typeof s.schoolId };
const schoolGroup = (scope: Scope) => (scope.bySchool ? [s.schoolId] : []);

function inScope(scope: Scope): SQL {
	const service = eq(s.serviceId, scope.serviceId);
	return scope.schoolId ? (and(service, eq(s.schoolId, scope.schoolId)) as SQL) : service;
}

/** Figures keyed by submission date. */
export async function submissionFigures(q: Queryable, scope: Scope, period: Period) {
	const [row] = await submissionRows(q, scope, period);
	return row ?? null;
}

export async function submissionRows(q: Queryable, scope: Scope, period: Period) {
	return q
		.select({
			...perSchool(scope),
			referrals: sql<number>`count(*)`,
			insteadOfSuspension: count(sql`${s.schoolDecision} = 'instead_of_suspension'`),
			insteadOfPermanentExclusion: count(sql`${s.schoolDecision} = 'instead_of_permanent_exclusion'`),
			alongsideSuspension: count(sql`${s.schoolDecision} = 'alongside_suspension'`),
			// Would-be days less any shorter suspension, less the days of a suspension that went ahead after all; never below 0 for a case.
			suspensionDaysAvoided: total(
				sql`case when ${s.schoolDecision} in ('instead_of_suspension', 'alongside_suspension') then max(0, coalesce(${s.wouldBeDays}, 0) - coalesce(${s.actualDays}, 0) - case when ${s.fallbackDecision} = 'suspension' then coalesce(${s.fallbackDays}, 0) else 0 end) else 0 end`
			),
			permanentExclusionsAvoided: count(sql`${s.schoolDecision} = 'instead_of_permanent_exclusion' and coalesce(${s.fallbackDecision}, '') <> 'permanent_exclusion'`),
			consents: count(sql`${s.programmeConsent} = 1`),
			assessments: count(sql`${s.assessedOn} is not null`),
			engaged: count(sql`${s.sessionsAttended} > 0`),
			childProtection: count(sql`${s.childProtection} = 1`),
			declinedEscalations: count(sql`${s.declinedEscalations} > 0`),
			triageBreaches: count(sql`${s.triageBreached} = 1`),
			countersignBreaches: count(sql`${s.countersignBreached} = 1`),
			escalationBreaches: total(sql`${s.escalationsBreached}`),
			escalations: total(sql`${s.escalations}`),
			escalationsDecided: total(sql`${s.escalationsDecided}`),
			onwardMade: total(sql`${s.onwardMade}`),
			onwardTakenUp: total(sql`${s.onwardTakenUp}`),
			policeInformed: count(sql`${s.policeInformed} = 1`)
		})
		.from(s)
		.where(and(inScope(scope), between(s.submittedOn, period.from, period.to)))
		.groupBy(...schoolGroup(scope));
}

export type SubmissionFigures = NonNullable<Awaited<ReturnType<typeof submissionFigures>>>;

/** Referrals with an escalation to each agency, keyed by submission date. */
export async function escalationsByAgency(q: Queryable, scope: Scope, period: Period, agencies: readonly string[]): Promise<Record<string, number>> {
	const [row] = await escalationAgencyRows(q, scope, period, agencies);
	return Object.fromEntries(agencies.map((agency) => [agency, row?.counts[agency] ?? 0]));
}

/** As `escalationsByAgency`, one row per school when the scope asks for it. */
export async function escalationAgencyRows(q: Queryable, scope: Scope, period: Period, agencies: readonly string[]): Promise<{ schoolId?: string; counts: Record<string, number> }[]> {
	if (agencies.length === 0) return [];
	const rows = await q
		.select({ ...perSchool(scope), ...Object.fromEntries(agencies.map((agency, i) => [`a${i}`, count(sql`instr(${s.escalationAgencies}, ${`,${agency},`}) > 0`)])) })
		.from(s)
		.where(and(inScope(scope), between(s.submittedOn, period.from, period.to)))
		.groupBy(...schoolGroup(scope));
	return rows.map((row) => {
		const values = row as Record<string, unknown>;
		return { schoolId: row.schoolId, counts: Object.fromEntries(agencies.map((agency, i) => [agency, Number(values[`a${i}`] ?? 0)])) };
	});
}

/** Days from incident to first session, and minutes to triage, for medians (keyed by submission). */
export async function timings(q: Queryable, scope: Scope, period: Period) {
	const rows = await q
		.select({
			incidentToFirstSession: sql<number | null>`case when ${s.firstSessionOn} is not null and ${s.incidentOn} is not null then cast(julianday(${s.firstSessionOn}) - julianday(${s.incidentOn}) as integer) end`,
			submittedToFirstContact: sql<number | null>`case when ${s.firstContactOn} is not null then cast(julianday(${s.firstContactOn}) - julianday(${s.submittedOn}) as integer) end`,
			triageMinutes: s.triageMinutes
		})
		.from(s)
		.where(and(inScope(scope), between(s.submittedOn, period.from, period.to)));
	const values = (key: keyof (typeof rows)[number]) => rows.map((r) => r[key]).filter((v): v is number => typeof v === 'number');
	return { incidentToFirstSession: median(values('incidentToFirstSession')), submittedToFirstContact: median(values('submittedToFirstContact')), triageMinutes: median(values('triageMinutes')) };
}

/** The middle value (the mean of the two middle values for an even count); null for none. */
export function median(values: number[]): { value: number | null; of: number } {
	if (values.length === 0) return { value: null, of: 0 };
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	const value = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
	return { value, of: sorted.length };
}

/** Outcomes and goals by outcome, keyed by the outcome date. */
export async function outcomeFigures(q: Queryable, scope: Scope, period: Period) {
	return q
		.select({
			...perSchool(scope),
			outcome: s.outcome,
			cases: sql<number>`count(*)`,
			goalsSet: total(sql`${s.goalsSet}`),
			goalsAchieved: total(sql`${s.goalsAchieved}`),
			goalsPartly: total(sql`${s.goalsPartly}`),
			certificates: count(sql`${s.certificateIssued} = 1`)
		})
		.from(s)
		.where(and(inScope(scope), isNotNull(s.outcome), between(s.outcomeOn, period.from, period.to)))
		.groupBy(...schoolGroup(scope), s.outcome);
}

/** Follow-ups at 6 or 12 months falling due in the period, by outcome group (DOMAIN.md §5). */
export async function followUpFigures(q: Queryable, scope: Scope, period: Period, months: 6 | 12) {
	const status = months === 6 ? s.followUp6Status : s.followUp12Status;
	const dueOn = months === 6 ? s.followUp6DueOn : s.followUp12DueOn;
	const incident = months === 6 ? s.furtherIncident6 : s.furtherIncident12;
	const suspension = months === 6 ? s.suspension6 : s.suspension12;
	const exclusion = months === 6 ? s.exclusion6 : s.exclusion12;
	const police = months === 6 ? s.police6 : s.police12;
	return q
		.select({
			...perSchool(scope),
			outcome: s.outcome,
			due: sql<number>`count(*)`,
			returned: count(sql`${status} = 'recorded'`),
			notReturned: count(sql`${status} = 'not_returned'`),
			furtherIncident: count(sql`${incident} = 'yes'`),
			suspension: count(sql`${suspension} = 'yes'`),
			exclusion: count(sql`${exclusion} = 'yes'`),
			police: count(sql`${police} = 'yes'`),
			noFurtherKnown: count(sql`${status} = 'recorded' and coalesce(${incident}, '') <> 'yes' and coalesce(${police}, '') <> 'yes'`)
		})
		.from(s)
		.where(and(inScope(scope), between(dueOn, period.from, period.to)))
		.groupBy(...schoolGroup(scope), s.outcome);
}

export const BREAKDOWNS = {
	ethnicityGroup: s.ethnicityGroup,
	sen: s.sen,
	fsm: s.fsm,
	lookedAfter: s.lookedAfter,
	socialWorker: s.socialWorker,
	sex: s.sex,
	yearGroup: s.yearGroup
} as const;
export type BreakdownKey = keyof typeof BREAKDOWNS;

/**
 * Referrals (by submission) and completions (by outcome) per group of one characteristic. Service-
 * wide breakdowns leave out cases without consent for evaluation (DOMAIN.md §3 step 2); a school's
 * own report keeps them.
 */
export async function breakdown(q: Queryable, scope: Scope, period: Period, key: BreakdownKey, options: { evaluationOnly: boolean }) {
	const column = BREAKDOWNS[key];
	const consent = options.evaluationOnly ? eq(s.evaluationConsent, true) : undefined;
	const referrals = await q
		.select({ ...perSchool(scope), group: sql<string | null>`${column}`, referrals: sql<number>`count(*)` })
		.from(s)
		.where(and(inScope(scope), consent, between(s.submittedOn, period.from, period.to)))
		.groupBy(...schoolGroup(scope), column);
	const outcomes = await q
		.select({ ...perSchool(scope), group: sql<string | null>`${column}`, outcomes: sql<number>`count(*)`, completed: count(sql`${s.outcome} = 'completed'`) })
		.from(s)
		.where(and(inScope(scope), consent, isNotNull(s.outcome), between(s.outcomeOn, period.from, period.to)))
		.groupBy(...schoolGroup(scope), column);
	return { referrals, outcomes };
}

/** Referrals by how the incident came to light (null: not recorded), keyed by submission date. */
export async function cameToLightFigures(q: Queryable, scope: Scope, period: Period): Promise<{ schoolId?: string; cameToLight: string | null; referrals: number }[]> {
	return q
		.select({ ...perSchool(scope), cameToLight: s.cameToLight, referrals: sql<number>`count(*)` })
		.from(s)
		.where(and(inScope(scope), between(s.submittedOn, period.from, period.to)))
		.groupBy(...schoolGroup(scope), s.cameToLight);
}

/**
 * What became of the referrals submitted in the period (the service report's funnel and timings,
 * DOMAIN.md §5): completed at any later date, triaged, and first contacted. Keyed by submission date,
 * so a recent period's figures grow as its cases mature.
 */
export async function cohortFigures(q: Queryable, scope: Scope, period: Period) {
	const [row] = await cohortRows(q, scope, period);
	return row ?? { completed: 0, triaged: 0, firstContacted: 0 };
}

export async function cohortRows(q: Queryable, scope: Scope, period: Period) {
	return q
		.select({
			...perSchool(scope),
			completed: count(sql`${s.outcome} = 'completed'`),
			triaged: count(sql`${s.triageMinutes} is not null`),
			firstContacted: count(sql`${s.firstContactOn} is not null`)
		})
		.from(s)
		.where(and(inScope(scope), between(s.submittedOn, period.from, period.to)))
		.groupBy(...schoolGroup(scope));
}

/**
 * Like `breakdown`, grouped by any expression over the statistics row, for a report's own grouping
 * (looked after and social worker as one characteristic, say). Referrals by submission date, outcomes
 * and completions by outcome date.
 */
export async function breakdownBy(q: Queryable, scope: Scope, period: Period, group: SQL, options: { evaluationOnly: boolean }) {
	const consent = options.evaluationOnly ? eq(s.evaluationConsent, true) : undefined;
	const referrals = await q
		.select({ group: sql<string | number | null>`${group}`, referrals: sql<number>`count(*)` })
		.from(s)
		.where(and(inScope(scope), consent, between(s.submittedOn, period.from, period.to)))
		.groupBy(group);
	const outcomes = await q
		.select({ group: sql<string | number | null>`${group}`, outcomes: sql<number>`count(*)`, completed: count(sql`${s.outcome} = 'completed'`) })
		.from(s)
		.where(and(inScope(scope), consent, isNotNull(s.outcome), between(s.outcomeOn, period.from, period.to)))
		.groupBy(group);
	return { referrals, outcomes };
}

/** Of the referrals submitted in the period, how many have completed so far (one cohort, for a funnel). */
export async function cohortCompletions(q: Queryable, scope: Scope, period: Period): Promise<number> {
	return Number((await cohortFigures(q, scope, period)).completed);
}

/** Sent escalations by agency and how far each got (decided, awaiting, withdrawn), keyed by their referral's submission date. */
export async function escalationOutcomeRows(q: Queryable, scope: Scope, period: Period) {
	const e = t.escalationStatistic;
	const where = [eq(e.serviceId, scope.serviceId), scope.schoolId ? eq(e.schoolId, scope.schoolId) : undefined, between(e.submittedOn, period.from, period.to)];
	return q
		.select({ ...(scope.bySchool ? { schoolId: e.schoolId } : {}), agency: e.agency, status: e.status, escalations: sql<number>`count(*)` })
		.from(e)
		.where(and(...where))
		.groupBy(...(scope.bySchool ? [e.schoolId] : []), e.agency, e.status) as Promise<{ schoolId?: string; agency: string; status: string; escalations: number }[]>;
}
