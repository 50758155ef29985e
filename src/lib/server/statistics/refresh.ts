import { and, asc, eq, isNotNull, lte, ne, sql } from 'drizzle-orm';
import { ethnicityGroup } from '$lib/codes';
import { t, type Db, type Queryable, type Tx } from '../db';
import { preparedOnEither } from '../db/prepared';
import { isoDate, toLondon } from '../time/working-days';
import { escalationStatisticRows } from './escalation-rows';
import { newId } from '../util/ids';

/**
 * Keeps each referral's anonymised statistics row (schema/statistics.ts) up to date. A change asks
 * for a refresh in its own transaction (`requestStatisticRefresh`, called with every chronology
 * entry); `refreshPendingStatistics` recomputes the asked-for rows from the committed case, from a
 * job and before every report reads, so reports are never behind a committed change.
 */

type StatisticRow = typeof t.referralStatistic.$inferInsert;

const londonDate = (at: Date | null | undefined): string | null => (at ? isoDate(toLondon(at)) : null);
const ATTENDED = ['present', 'late'];

/** A timer is breached when it was met late, or is still open past its due time. */
function breached(timer: { dueAt: Date; metAt: Date | null; stoppedAt: Date | null }, now: Date): boolean {
	if (timer.metAt) return timer.metAt > timer.dueAt;
	return !timer.stoppedAt && timer.dueAt < now;
}

function sectionData(sections: { section: string; data: string }[], key: string): Record<string, unknown> {
	const row = sections.find((s) => s.section === key);
	try {
		return row ? (JSON.parse(row.data) as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

const days = (value: unknown): number | null => {
	const n = Number(String(value ?? '').trim());
	return String(value ?? '').trim() !== '' && Number.isInteger(n) ? n : null;
};

/** Asks for the referral's statistics row to be recomputed once this transaction commits. */
export async function requestStatisticRefresh(tx: Queryable, referralId: string, now = new Date()): Promise<void> {
	await tx.insert(t.statisticRefresh).values({ referralId, requestedAt: now }).onConflictDoUpdate({ target: t.statisticRefresh.referralId, set: { requestedAt: now } });
}

/** The statistics row for one referral, computed from the case as it is now (null for a draft or a deleted case). */
export async function computeStatistic(q: Queryable, referralId: string, now: Date): Promise<Omit<StatisticRow, 'id'> | null> {
	const [r] = await q.select().from(t.referral).where(eq(t.referral.id, referralId));
	if (!r || r.state === 'draft') return null;
	const sections = await q.select({ section: t.referralSection.section, data: t.referralSection.data }).from(t.referralSection).where(eq(t.referralSection.referralId, referralId));
	const decision = sectionData(sections, 'decision');
	const incident = sectionData(sections, 'incident');
	const consents = await q.select().from(t.consent).where(eq(t.consent.referralId, referralId));
	const rounds = await q.select().from(t.triage).where(and(eq(t.triage.referralId, referralId), isNotNull(t.triage.decidedAt))).orderBy(asc(t.triage.round));
	const first = rounds[0];
	const latest = rounds.at(-1);
	const timers = await q.select().from(t.caseTimer).where(eq(t.caseTimer.referralId, referralId));
	const triageTimer = timers.find((tm) => tm.kind === 'triage');
	const countersigns = await q.select().from(t.countersign).where(eq(t.countersign.referralId, referralId));
	const escalations = (await q.select().from(t.escalation).where(eq(t.escalation.referralId, referralId))).filter((e) => e.sentAt);
	const [assessment] = await q.select().from(t.assessment).where(eq(t.assessment.referralId, referralId));
	const attendance = await q
		.select({ attendance: t.supportSessionAttendee.attendance, date: t.supportSession.date, cancelled: t.supportSession.cancelledAt })
		.from(t.supportSessionAttendee)
		.innerJoin(t.supportSession, eq(t.supportSession.id, t.supportSessionAttendee.sessionId))
		.where(eq(t.supportSessionAttendee.referralId, referralId));
	const attended = attendance.filter((a) => !a.cancelled && a.attendance && ATTENDED.includes(a.attendance)).map((a) => a.date).sort();
	const [outcome] = await q.select().from(t.caseOutcome).where(eq(t.caseOutcome.referralId, referralId));
	const goals = await q.select({ achievement: t.goal.achievement }).from(t.goal).where(eq(t.goal.referralId, referralId));
	const certificates = await q.select({ revokedAt: t.certificate.revokedAt }).from(t.certificate).where(eq(t.certificate.referralId, referralId));
	const onward = await q.select({ takenUp: t.onwardReferral.takenUp }).from(t.onwardReferral).where(eq(t.onwardReferral.referralId, referralId));
	const followUps = await q.select().from(t.followUp).where(eq(t.followUp.referralId, referralId));
	const followUp = (months: number) => {
		const f = followUps.find((row) => row.months === months);
		if (!f) return null;
		return { status: f.recordedAt ? 'recorded' : f.notReturnedAt ? 'not_returned' : 'pending', dueOn: f.dueOn, f };
	};
	const six = followUp(6);
	const twelve = followUp(12);
	const police = (f: typeof t.followUp.$inferSelect | undefined) => {
		if (!f?.recordedAt) return null;
		// Police contact known to the school or the provider (DOMAIN.md §5): either one knowing is a yes.
		if (f.policeContact === 'yes' || f.providerPoliceContact === 'yes') return 'yes';
		return f.policeContact ?? f.providerPoliceContact ?? null;
	};
	const firstContact = [assessment?.createdAt ? londonDate(assessment.createdAt) : null, attended[0] ?? null].filter((d): d is string => Boolean(d)).sort()[0] ?? null;

	return {
		serviceId: r.serviceId,
		schoolId: r.schoolId,
		state: r.state,
		submittedOn: londonDate(r.submittedAt),
		incidentOn: r.incidentDate,
		// Submission already needs a parent or carer's consent under 16; the young person's own agreement decides.
		programmeConsent: consents.some((c) => c.kind === 'young_person' && c.given && !c.withdrawnAt),
		evaluationConsent: consents.some((c) => c.kind === 'evaluation' && c.given && !c.withdrawnAt),
		yearGroup: r.yearGroup,
		sex: r.sex,
		ethnicityGroup: r.ethnicity ? ethnicityGroup(r.ethnicity) : null,
		sen: r.sen,
		fsm: r.fsm,
		lookedAfter: r.lookedAfter,
		socialWorker: r.socialWorker,
		cameToLight: typeof incident.cameToLight === 'string' ? incident.cameToLight : null,
		schoolDecision: r.decision,
		wouldBeDays: days(decision.wouldBeDays),
		actualDays: days(decision.actualDays),
		policeInformed: incident.policeInformed === 'yes' ? true : incident.policeInformed === 'no' ? false : null,
		policeOutcome: typeof incident.policeOutcome === 'string' && incident.policeOutcome ? incident.policeOutcome : null,
		triagedOn: londonDate(first?.decidedAt),
		triageMinutes: first?.decidedAt && r.submittedAt ? Math.round((first.decidedAt.getTime() - r.submittedAt.getTime()) / 60_000) : null,
		triageBreached: triageTimer ? breached(triageTimer, now) : false,
		triageDecision: latest?.decision ?? null,
		levelOfNeed: latest?.levelOfNeed ?? null,
		rag: latest?.rag ?? null,
		childProtection: r.childProtection,
		declinedEscalations: countersigns.filter((c) => c.kind === 'declined-escalation').length,
		countersignBreached: countersigns.some((c) => (c.countersignedAt ? c.countersignedAt > c.dueAt : c.dueAt < now)),
		escalations: escalations.length,
		escalationsDecided: escalations.filter((e) => e.decisionAt).length,
		escalationsBreached: new Set(timers.filter((tm) => tm.subjectId && escalations.some((e) => e.id === tm.subjectId) && breached(tm, now)).map((tm) => tm.subjectId)).size,
		escalationAgencies: escalations.length ? `,${[...new Set(escalations.map((e) => e.agency))].sort().join(',')},` : '',
		assessedOn: londonDate(assessment?.completedAt),
		firstContactOn: firstContact,
		firstSessionOn: attended[0] ?? null,
		sessionsAttended: attended.length,
		sessionsMissed: attendance.filter((a) => !a.cancelled && a.attendance === 'absent').length,
		outcome: outcome?.outcome ?? null,
		outcomeOn: outcome?.outcomeOn ?? null,
		goalsSet: goals.length,
		goalsAchieved: goals.filter((g) => g.achievement === 'achieved').length,
		goalsPartly: goals.filter((g) => g.achievement === 'partly').length,
		certificateIssued: certificates.some((c) => !c.revokedAt),
		onwardMade: onward.length,
		onwardTakenUp: onward.filter((o) => o.takenUp === 'yes').length,
		fallbackDecision: r.fallbackDecision,
		fallbackDays: r.fallbackDays,
		followUp6Status: six?.status ?? null,
		followUp6DueOn: six?.dueOn ?? null,
		furtherIncident6: six?.f.recordedAt ? six.f.furtherDrugIncident : null,
		suspension6: six?.f.recordedAt ? six.f.suspension : null,
		suspensionDrug6: six?.f.recordedAt ? six.f.suspensionDrugRelated : null,
		exclusion6: six?.f.recordedAt ? six.f.exclusion : null,
		exclusionDrug6: six?.f.recordedAt ? six.f.exclusionDrugRelated : null,
		police6: police(six?.f),
		followUp12Status: twelve?.status ?? null,
		followUp12DueOn: twelve?.dueOn ?? null,
		furtherIncident12: twelve?.f.recordedAt ? twelve.f.furtherDrugIncident : null,
		suspension12: twelve?.f.recordedAt ? twelve.f.suspension : null,
		suspensionDrug12: twelve?.f.recordedAt ? twelve.f.suspensionDrugRelated : null,
		exclusion12: twelve?.f.recordedAt ? twelve.f.exclusion : null,
		exclusionDrug12: twelve?.f.recordedAt ? twelve.f.exclusionDrugRelated : null,
		police12: police(twelve?.f),
		updatedAt: now
	};
}

/** Recomputes one referral's row in the caller's transaction, creating it (and the link) the first time. */
export async function refreshStatistic(tx: Tx, referralId: string, now = new Date()): Promise<void> {
	const row = await computeStatistic(tx, referralId, now);
	if (!row) return;
	const [link] = await tx.select({ statisticId: t.referral.statisticId }).from(t.referral).where(eq(t.referral.id, referralId));
	const id = link?.statisticId ?? newId();
	if (link?.statisticId) await tx.update(t.referralStatistic).set(row).where(eq(t.referralStatistic.id, id));
	else {
		await tx.insert(t.referralStatistic).values({ id, ...row });
		await tx.update(t.referral).set({ statisticId: id }).where(eq(t.referral.id, referralId));
	}
	await refreshEscalationStatistics(tx, referralId, { id, serviceId: row.serviceId, schoolId: row.schoolId, submittedOn: row.submittedOn ?? null });
}

/** The referral's escalations as anonymised rows (escalation-rows.ts), rewritten with its statistics row. */
async function refreshEscalationStatistics(tx: Tx, referralId: string, statistic: { id: string; serviceId: string; schoolId: string; submittedOn: string | null }): Promise<void> {
	const rows = escalationStatisticRows(await tx.select().from(t.escalation).where(eq(t.escalation.referralId, referralId)), statistic, newId);
	await tx.delete(t.escalationStatistic).where(eq(t.escalationStatistic.statisticId, statistic.id));
	if (rows.length > 0) await tx.insert(t.escalationStatistic).values(rows);
}

/**
 * Recomputes every row asked for, each in its own transaction; a request made while one was being
 * recomputed stays asked for (its time is later). Returns how many rows were refreshed.
 */
const pendingQuery = preparedOnEither((q) =>
	q
		.select()
		.from(t.statisticRefresh)
		.orderBy(asc(t.statisticRefresh.requestedAt))
		.limit(sql.placeholder('limit'))
		.prepare()
);

export async function refreshPendingStatistics(database: Db, now = new Date(), limit = 500): Promise<number> {
	// Read before every report: built once on the app's database (db/prepared.ts).
	const pending = await pendingQuery(database, { limit });
	for (const request of pending) {
		await database.transaction(async (tx) => {
			await refreshStatistic(tx, request.referralId, now);
			await tx.delete(t.statisticRefresh).where(and(eq(t.statisticRefresh.referralId, request.referralId), lte(t.statisticRefresh.requestedAt, request.requestedAt)));
		});
	}
	return pending.length;
}

/** Asks for every submitted referral's row to be recomputed (after a change to how rows are computed). */
export async function requestAllStatistics(database: Db, now = new Date()): Promise<void> {
	const ids = await database.select({ id: t.referral.id }).from(t.referral).where(ne(t.referral.state, 'draft'));
	for (const { id } of ids) await requestStatisticRefresh(database, id, now);
}
