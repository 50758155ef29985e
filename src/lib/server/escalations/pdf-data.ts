import { and, asc, desc, eq, isNotNull, ne } from 'drizzle-orm';
import { labelOf } from '$lib/codes';
import { ROLE_LABELS, type Role } from '$lib/roles';
import { ESCALATION_METHODS, LAWFUL_BASES } from '$lib/schemas/escalation';
import { INDICATORS } from '$lib/triage-indicators';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { findReferral } from '../referrals/drafts';
import { sectionRows } from '../referrals/summary';
import { agencyLabel } from './view';
import { escalationActorOf, isMadeBySchool } from './record';

export interface Row {
	label: string;
	value: string;
}

/** Exactly what DOMAIN.md §3 step 4 lists for the escalation summary, and nothing more. */
export interface EscalationSummaryDoc {
	agencyLabel: string;
	child: Row[];
	contacts: Row[];
	concern: Row[];
	indicators: Row[];
	actions: string[];
	lawfulBasis: Row;
	referrer: Row[];
	generatedAt: string;
}

export function londonTime(date: Date): string {
	return date.toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'long', timeStyle: 'short' });
}

const pick = (rows: { field: string; label: string; value: string }[], fields: string[]): Row[] =>
	fields.flatMap((f) => rows.filter((r) => r.field === f).map(({ label, value }) => ({ label, value })));

const SAFETY_FLAGS = ['medicalEmergency', 'abuseDisclosure', 'supplySigns', 'otherRisk'];

/** The yes answers of the case's latest decided triage round, with their notes (the concern in the youth worker's words). */
async function triageYesAnswers(referralId: string): Promise<Row[]> {
	const [round] = await db()
		.select({ answers: t.triage.answers })
		.from(t.triage)
		.where(and(eq(t.triage.referralId, referralId), isNotNull(t.triage.decidedAt)))
		.orderBy(desc(t.triage.round))
		.limit(1);
	if (!round) return [];
	const answers = JSON.parse(round.answers) as Record<string, { answer?: string; note?: string } | undefined>;
	return INDICATORS.flatMap((i) => (answers[i.key]?.answer === 'yes' ? [{ label: i.question, value: answers[i.key]?.note?.trim() || 'Yes' }] : []));
}

/**
 * The contents of one escalation's summary PDF, if the actor may export it: a youth worker any
 * escalation of the service, a school's safeguarding lead one the school made. A school's export holds
 * the indicators from its own immediate safety check only; a youth worker's adds the yes answers of
 * the latest decided triage round. Never assessment answers, other triage notes, or other young people.
 */
export async function escalationSummaryData(actor: Actor, referralId: string, escalationId: string, now: Date) {
	const by = escalationActorOf(actor);
	if (!by) return null;
	const found = await findReferral(actor, referralId);
	if (!found || found.referral.state === 'draft') return null;
	const [e] = await db()
		.select()
		.from(t.escalation)
		.where(and(eq(t.escalation.id, escalationId), eq(t.escalation.referralId, referralId), eq(t.escalation.serviceId, actor.serviceId), ne(t.escalation.state, 'withdrawn')));
	if (!e || (by === 'school' && !isMadeBySchool(e))) return null;
	const data = (key: 'safety' | 'pupil' | 'family' | 'incident') => found.sections[key]?.data ?? {};
	const [school] = await db().select({ name: t.school.name }).from(t.school).where(eq(t.school.id, found.referral.schoolId));
	const [service] = await db().select({ name: t.service.name }).from(t.service).where(eq(t.service.id, found.referral.serviceId));
	const [maker] = await db().select({ name: t.user.displayName, email: t.user.email }).from(t.user).where(eq(t.user.id, e.createdBy));
	const made = await db()
		.select({ agency: t.escalation.agency, method: t.escalation.method, sentAt: t.escalation.sentAt, reference: t.escalation.reference })
		.from(t.escalation)
		.where(and(eq(t.escalation.referralId, referralId), isNotNull(t.escalation.sentAt), ne(t.escalation.state, 'withdrawn')))
		.orderBy(asc(t.escalation.sentAt));

	const safety = data('safety');
	const safetyRows = sectionRows('safety', safety);
	const safetyYes = SAFETY_FLAGS.filter((f) => safety[f] === 'yes').flatMap((f) =>
		pick(safetyRows, [f]).map((r) => (f === 'otherRisk' ? { label: r.label, value: String(safety.otherRiskDetail ?? '').trim() || 'Yes' } : { ...r, value: 'Yes' }))
	);
	const actionTaken = String(safety.actionTaken ?? '').trim();
	const madeBySchool = isMadeBySchool(e);
	const doc: EscalationSummaryDoc = {
		agencyLabel: agencyLabel(e.agency),
		child: [...pick(sectionRows('pupil', data('pupil')), ['legalForename', 'preferredName', 'dobDay', 'addressLine1']), { label: 'School', value: school?.name ?? '' }],
		contacts: pick(sectionRows('family', data('family')), ['contact1Name', 'contact2Name', 'contact3Name']),
		concern: pick(sectionRows('incident', data('incident')), ['incidentDay', 'place', 'cameToLight', 'substances', 'quantity']),
		indicators: [...safetyYes, ...(by === 'youth_worker' ? await triageYesAnswers(referralId) : [])],
		actions: [
			...(actionTaken ? [`At school: ${actionTaken}`] : []),
			...made.map((m) =>
				[`${agencyLabel(m.agency)}: ${labelOf(ESCALATION_METHODS, m.method).toLowerCase() || 'made'}`, m.sentAt ? londonTime(m.sentAt) : '', m.reference ? `reference ${m.reference}` : '']
					.filter(Boolean)
					.join(', ')
			)
		],
		lawfulBasis: e.lawfulBasis
			? { label: labelOf(LAWFUL_BASES, e.lawfulBasis), value: LAWFUL_BASES.find((b) => b.value === e.lawfulBasis)?.hint ?? '' }
			: { label: 'Not recorded yet', value: 'Record the lawful basis before sending this summary.' },
		referrer: [
			{ label: 'Name', value: maker?.name ?? 'Former user' },
			{ label: 'Role', value: ROLE_LABELS[e.createdByRole as Role] ?? e.createdByRole },
			{ label: 'Organisation', value: (madeBySchool ? school?.name : service?.name) ?? '' },
			{ label: 'Email', value: maker?.email ?? '' }
		],
		generatedAt: londonTime(now)
	};
	return { doc, schoolId: found.referral.schoolId };
}
