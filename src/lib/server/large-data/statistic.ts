import { ethnicityGroup } from '$lib/codes';
import type { t } from '../db';
import { isoDate, toLondon } from '../time/working-days';
import type { CaseRecord } from './case-record';

type StatisticRow = Omit<typeof t.referralStatistic.$inferInsert, 'id'>;

/**
 * The anonymised statistics row of one case, computed from the rows the generator wrote for it by the
 * same rules as statistics/refresh.ts `computeStatistic` (which would cost ~15 queries a case at
 * 200,000 cases). tests/integration/large-data.test.ts checks the two agree on a sample.
 */
const londonDate = (at: Date | null | undefined): string | null => (at ? isoDate(toLondon(at)) : null);
const ATTENDED = ['present', 'late'];

function breached(timer: { dueAt: Date; metAt?: Date | null; stoppedAt?: Date | null }, now: Date): boolean {
	if (timer.metAt) return timer.metAt > timer.dueAt;
	return !timer.stoppedAt && timer.dueAt < now;
}

const days = (value: unknown): number | null => {
	const n = Number(String(value ?? '').trim());
	return String(value ?? '').trim() !== '' && Number.isInteger(n) ? n : null;
};

function sectionData(c: CaseRecord, key: string): Record<string, unknown> {
	const row = c.sections.find((s) => s.section === key);
	return row ? (JSON.parse(row.data) as Record<string, unknown>) : {};
}

export function statisticOf(c: CaseRecord, now: Date): StatisticRow | null {
	const r = c.referral;
	if (r.state === 'draft') return null;
	const decision = sectionData(c, 'decision');
	const incident = sectionData(c, 'incident');
	const rounds = c.triage.filter((x) => x.decidedAt).sort((a, b) => a.round - b.round);
	const first = rounds[0];
	const latest = rounds.at(-1);
	const triageTimer = c.timers.find((tm) => tm.kind === 'triage');
	const escalations = c.escalations.filter((e) => e.sentAt);
	const attendance = c.attendance;
	const attended = attendance.filter((a) => !a.cancelled && a.attendance && ATTENDED.includes(a.attendance)).map((a) => a.date).sort();
	const followUp = (months: number) => {
		const f = c.followUps.find((row) => row.months === months);
		return f ? { status: f.recordedAt ? 'recorded' : f.notReturnedAt ? 'not_returned' : 'pending', dueOn: f.dueOn, f } : null;
	};
	const six = followUp(6);
	const twelve = followUp(12);
	const police = (f: (typeof c.followUps)[number] | undefined) => {
		if (!f?.recordedAt) return null;
		if (f.policeContact === 'yes' || f.providerPoliceContact === 'yes') return 'yes';
		return f.policeContact ?? f.providerPoliceContact ?? null;
	};
	const recorded = (f: { f: (typeof c.followUps)[number] } | null, key: 'furtherDrugIncident' | 'suspension' | 'suspensionDrugRelated' | 'exclusion' | 'exclusionDrugRelated') =>
		f?.f.recordedAt ? (f.f[key] ?? null) : null;
	const firstContact = [c.assessment?.createdAt ? londonDate(c.assessment.createdAt) : null, attended[0] ?? null].filter((d): d is string => Boolean(d)).sort()[0] ?? null;
	const goals = c.goals;
	return {
		serviceId: r.serviceId,
		schoolId: r.schoolId,
		state: r.state,
		submittedOn: londonDate(r.submittedAt),
		incidentOn: r.incidentDate ?? null,
		programmeConsent: c.consents.some((x) => x.kind === 'young_person' && x.given && !x.withdrawnAt),
		evaluationConsent: c.consents.some((x) => x.kind === 'evaluation' && x.given && !x.withdrawnAt),
		yearGroup: r.yearGroup ?? null,
		sex: r.sex ?? null,
		ethnicityGroup: r.ethnicity ? ethnicityGroup(r.ethnicity) : null,
		sen: r.sen ?? null,
		fsm: r.fsm ?? null,
		lookedAfter: r.lookedAfter ?? null,
		socialWorker: r.socialWorker ?? null,
		cameToLight: typeof incident.cameToLight === 'string' ? incident.cameToLight : null,
		schoolDecision: r.decision ?? null,
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
		childProtection: r.childProtection ?? false,
		declinedEscalations: c.countersigns.filter((x) => x.kind === 'declined-escalation').length,
		countersignBreached: c.countersigns.some((x) => (x.countersignedAt ? x.countersignedAt > x.dueAt : x.dueAt < now)),
		escalations: escalations.length,
		escalationsDecided: escalations.filter((e) => e.decisionAt).length,
		escalationsBreached: new Set(c.timers.filter((tm) => tm.subjectId && escalations.some((e) => e.id === tm.subjectId) && breached(tm, now)).map((tm) => tm.subjectId)).size,
		escalationAgencies: escalations.length ? `,${[...new Set(escalations.map((e) => e.agency))].sort().join(',')},` : '',
		assessedOn: londonDate(c.assessment?.completedAt),
		firstContactOn: firstContact,
		firstSessionOn: attended[0] ?? null,
		sessionsAttended: attended.length,
		sessionsMissed: attendance.filter((a) => !a.cancelled && a.attendance === 'absent').length,
		outcome: c.outcome?.outcome ?? null,
		outcomeOn: c.outcome?.outcomeOn ?? null,
		goalsSet: goals.length,
		goalsAchieved: goals.filter((g) => g.achievement === 'achieved').length,
		goalsPartly: goals.filter((g) => g.achievement === 'partly').length,
		certificateIssued: c.certificates.some((x) => !x.revokedAt),
		onwardMade: c.onward.length,
		onwardTakenUp: c.onward.filter((o) => o.takenUp === 'yes').length,
		fallbackDecision: r.fallbackDecision ?? null,
		fallbackDays: r.fallbackDays ?? null,
		followUp6Status: six?.status ?? null,
		followUp6DueOn: six?.dueOn ?? null,
		furtherIncident6: recorded(six, 'furtherDrugIncident'),
		suspension6: recorded(six, 'suspension'),
		suspensionDrug6: recorded(six, 'suspensionDrugRelated'),
		exclusion6: recorded(six, 'exclusion'),
		exclusionDrug6: recorded(six, 'exclusionDrugRelated'),
		police6: police(six?.f),
		followUp12Status: twelve?.status ?? null,
		followUp12DueOn: twelve?.dueOn ?? null,
		furtherIncident12: recorded(twelve, 'furtherDrugIncident'),
		suspension12: recorded(twelve, 'suspension'),
		suspensionDrug12: recorded(twelve, 'suspensionDrugRelated'),
		exclusion12: recorded(twelve, 'exclusion'),
		exclusionDrug12: recorded(twelve, 'exclusionDrugRelated'),
		police12: police(twelve?.f),
		updatedAt: now
	};
}

