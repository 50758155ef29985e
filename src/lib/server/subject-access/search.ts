import { and, asc, eq, gte, lt, ne, or, type SQL } from 'drizzle-orm';
import { CASE_STATE_LABELS, type CaseState } from '$lib/case-states';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { nameKey, prefixEnd } from '../referrals/names';
import { subjectReferrals } from './record';

export const SEARCH_LIMIT = 50;

export interface SubjectSearch {
	name: string;
	/** ISO date, or null. */
	dob: string | null;
	reference: string;
}

function nameFilter(search: string): SQL | undefined {
	const words = search.split(/\s+/).map(nameKey).filter(Boolean);
	const prefix = (column: typeof t.referral.forenameKey | typeof t.referral.surnameKey, word: string) => and(gte(column, word), lt(column, prefixEnd(word)));
	const [first] = words;
	const last = words.at(-1);
	if (!first || !last) return undefined;
	if (words.length === 1) return or(prefix(t.referral.forenameKey, first), prefix(t.referral.surnameKey, first));
	return and(prefix(t.referral.forenameKey, first), prefix(t.referral.surnameKey, last));
}

/** The search itself, within the service (indexes referral_service_forename and referral_service_match). */
export function subjectSearchQuery(actor: Actor, search: SubjectSearch) {
	const where: (SQL | undefined)[] = [eq(t.referral.serviceId, actor.serviceId), ne(t.referral.state, 'draft')];
	if (search.reference) where.push(eq(t.referral.id, search.reference.trim().toLowerCase()));
	if (search.name) where.push(nameFilter(search.name));
	if (search.dob) where.push(eq(t.referral.dateOfBirth, search.dob));
	return db()
		.select({
			id: t.referral.id,
			displayName: t.referral.displayName,
			dateOfBirth: t.referral.dateOfBirth,
			schoolName: t.school.name,
			state: t.referral.state,
			submittedAt: t.referral.submittedAt,
			youngPersonId: t.referral.youngPersonId
		})
		.from(t.referral)
		.innerJoin(t.school, eq(t.school.id, t.referral.schoolId))
		.where(and(...where))
		.orderBy(asc(t.referral.surnameKey), asc(t.referral.forenameKey), asc(t.referral.id))
		.limit(SEARCH_LIMIT);
}

/**
 * Finding a young person for a subject access request, within the admin's service: by reference (a
 * referral's id) or by name and, when given, date of birth. One audit row names which were used,
 * never the words searched for (SECURITY.md 15).
 */
export async function findSubjects(actor: Actor, search: SubjectSearch) {
	if (actor.role !== 'provider_admin') return [];
	const rows = await subjectSearchQuery(actor, search);
	await recordAudit(db(), actor, {
		action: 'subject-access.search',
		detail: { reference: Boolean(search.reference), name: Boolean(search.name), dob: Boolean(search.dob), found: rows.length }
	});
	return rows.map((r) => ({
		...r,
		stateLabel: CASE_STATE_LABELS[r.state as CaseState] ?? r.state,
		submittedAt: r.submittedAt?.toISOString() ?? null,
		confirmedMatch: r.youngPersonId !== null
	}));
}

/**
 * The young person's page before the export: the referrals it will hold, and any other referral in
 * the service with the same surname and date of birth not confirmed as the same young person (so the
 * admin can export those too, or have a youth worker confirm the match first). Audited as a read.
 */
export async function subjectView(actor: Actor, referralId: string) {
	const referrals = await subjectReferrals(db(), actor, referralId);
	const latest = referrals.at(-1);
	if (!latest) return null;
	const schools = new Map((await db().select({ id: t.school.id, name: t.school.name }).from(t.school).where(eq(t.school.serviceId, actor.serviceId))).map((s) => [s.id, s.name]));
	const included = new Set(referrals.map((r) => r.id));
	const similar = latest.dateOfBirth
		? (
				await db()
					.select({ id: t.referral.id, displayName: t.referral.displayName, schoolId: t.referral.schoolId })
					.from(t.referral)
					.where(and(eq(t.referral.serviceId, actor.serviceId), eq(t.referral.surnameKey, latest.surnameKey), eq(t.referral.dateOfBirth, latest.dateOfBirth), ne(t.referral.state, 'draft')))
					.limit(SEARCH_LIMIT)
			).filter((r) => !included.has(r.id))
		: [];
	await recordAudit(db(), actor, { action: 'subject-access.viewed', recordType: 'referral', recordId: referralId, detail: { referrals: referrals.length } });
	return {
		id: referralId,
		displayName: latest.displayName,
		dateOfBirth: latest.dateOfBirth,
		referrals: referrals.map((r) => ({ id: r.id, schoolName: schools.get(r.schoolId) ?? '', stateLabel: CASE_STATE_LABELS[r.state as CaseState] ?? r.state, submittedAt: r.submittedAt?.toISOString() ?? null })),
		similar: similar.map((r) => ({ id: r.id, displayName: r.displayName, schoolName: schools.get(r.schoolId) ?? '' }))
	};
}
