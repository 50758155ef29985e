import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { ROLE_LABELS } from '$lib/roles';
import type { Actor } from '../auth/actor';
import { t, type Queryable } from '../db';
import { referralRecord } from './case-parts';
import { day, fields, label, when } from './format';
import type { Part, SubjectAccessRecord } from './types';

/**
 * Everything held about one young person (DOMAIN.md §7; SECURITY.md 24), for a provider admin of their
 * service: every referral confirmed to be about them, whole, and the audit entries about those
 * records. Each referral is read by its own id, so nothing about another young person comes in.
 */

/** The referral and every referral confirmed as the same young person, oldest first. */
export async function subjectReferrals(q: Queryable, actor: Actor, referralId: string) {
	if (actor.role !== 'provider_admin') return [];
	const inService = and(eq(t.referral.serviceId, actor.serviceId), ne(t.referral.state, 'draft'));
	const [anchor] = await q.select().from(t.referral).where(and(eq(t.referral.id, referralId), inService));
	if (!anchor) return [];
	if (!anchor.youngPersonId) return [anchor];
	return q.select().from(t.referral).where(and(eq(t.referral.youngPersonId, anchor.youngPersonId), inService)).orderBy(asc(t.referral.createdAt));
}

/** Record types the audit log uses for a young person's records, and where their ids come from. */
const RECORDS = [
	['escalation', t.escalation],
	['certificate', t.certificate],
	['assessment', t.assessment],
	['case_review', t.caseReview],
	['follow_up', t.followUp],
	['onward_referral', t.onwardReferral],
	['support_session_attendee', t.supportSessionAttendee],
	['countersign', t.countersign]
] as const;

async function auditPart(q: Queryable, serviceId: string, referralIds: string[], names: (id: string | null) => string): Promise<Part> {
	const byType: [string, string[]][] = [['referral', referralIds]];
	for (const [type, table] of RECORDS) {
		byType.push([type, (await q.select({ id: table.id }).from(table).where(inArray(table.referralId, referralIds))).map((r) => r.id)]);
	}
	const rows: (typeof t.auditEvent.$inferSelect)[] = [];
	// One query per record type, each on the audit_record index (type, id).
	for (const [type, ids] of byType) {
		if (ids.length === 0) continue;
		rows.push(...(await q.select().from(t.auditEvent).where(and(eq(t.auditEvent.recordType, type), inArray(t.auditEvent.recordId, ids), eq(t.auditEvent.serviceId, serviceId)))));
	}
	rows.sort((a, b) => a.id - b.id);
	return {
		title: 'Audit log: who read, changed or exported these records',
		entries: rows.map((a) =>
			fields([
				['When', when(a.at)],
				['Action', a.action],
				['By', a.actorUserId ? `${names(a.actorUserId)} (${label(ROLE_LABELS, a.actorRole)})` : a.actorRole ? label(ROLE_LABELS, a.actorRole) : 'Not signed in, or the system'],
				['Record', `${a.recordType ?? ''} ${a.recordId ?? ''}`.trim()]
			])
		)
	};
}

export async function subjectAccessRecord(q: Queryable, actor: Actor, referralId: string, now = new Date()): Promise<{ record: SubjectAccessRecord; referralIds: string[] } | null> {
	const referrals = await subjectReferrals(q, actor, referralId);
	const latest = referrals.at(-1);
	if (!latest) return null;
	const staff = await q
		.select({ id: t.user.id, name: t.user.displayName })
		.from(t.user)
		.innerJoin(t.membership, eq(t.membership.userId, t.user.id))
		.where(eq(t.membership.serviceId, actor.serviceId));
	const byId = new Map(staff.map((s) => [s.id, s.name]));
	const names = (id: string | null | undefined) => (id ? (byId.get(id) ?? 'A former user') : '');
	const schools = new Map((await q.select({ id: t.school.id, name: t.school.name }).from(t.school).where(eq(t.school.serviceId, actor.serviceId))).map((s) => [s.id, s.name]));
	const [service] = await q.select({ name: t.service.name }).from(t.service).where(eq(t.service.id, actor.serviceId));
	const records = [];
	for (const r of referrals) records.push(await referralRecord(q, r, schools.get(r.schoolId) ?? '', names));
	const referralIds = referrals.map((r) => r.id);
	return {
		referralIds,
		record: {
			title: `Subject access export: ${latest.displayName || 'a young person'}`,
			generatedAt: when(now),
			generatedBy: names(actor.userId),
			service: service?.name ?? '',
			about: [
				`Everything Divert for Schools holds about this young person in ${service?.name ?? 'the service'}: ${referrals.length === 1 ? 'one referral' : `${referrals.length} referrals`}, each with its answers as recorded, its chronology, triage, escalations, assessment, sessions, outcome, certificates, onward referrals and follow-ups, then the audit log entries about these records.`,
				'Group sessions show this young person’s own attendance only. Staff who recorded or viewed each entry are named.',
				'Anonymised statistics (counts with no name, date of birth or free text) are kept for reports and are not about an identifiable person.'
			],
			youngPerson: fields([
				['Name', latest.displayName],
				['Date of birth', day(latest.dateOfBirth)],
				['Unique pupil number', latest.upn]
			]),
			referrals: records,
			audit: await auditPart(q, actor.serviceId, referralIds, names)
		}
	};
}
