import { and, asc, desc, eq, lt, ne, sql } from 'drizzle-orm';
import { ANSWERS, INDICATOR_KEYS, type Answer, type IndicatorKey } from '$lib/triage-indicators';
import { NOTE_MAX, noteField, type StoredAnswers } from '$lib/schemas/triage';
import type { Actor } from '../auth/actor';
import { t, type Queryable } from '../db';
import { preparedOnEither } from '../db/prepared';
import { referralScope } from '../referrals/scope';
import type { ReferralFacts } from './rules';

export type CaseRow = typeof t.referral.$inferSelect;

/** States in which the indicators can be answered and saved. */
export const ANSWERABLE_STATES: readonly string[] = ['submitted', 'in_triage'];
/** States in which a triage decision can be made (from a hold: only "not suitable"). */
export const DECIDABLE_STATES: readonly string[] = ['submitted', 'in_triage', 'on_hold'];
export type TriageRow = typeof t.triage.$inferSelect;

/** The case, when the actor is a youth worker of its service; otherwise null ("not found"). */
export async function caseForYouthWorker(q: Queryable, actor: Actor, referralId: string): Promise<CaseRow | null> {
	if (actor.role !== 'youth_worker') return null;
	const [row] = await q
		.select()
		.from(t.referral)
		.where(and(eq(t.referral.id, referralId), referralScope(actor)));
	return row && row.state !== 'draft' ? row : null;
}

/** The latest triage round of a case. */
const latestRoundQuery = preparedOnEither((q) =>
	q.select().from(t.triage).where(eq(t.triage.referralId, sql.placeholder('referralId'))).orderBy(desc(t.triage.round)).limit(1).prepare()
);

export async function latestRound(q: Queryable, referralId: string): Promise<TriageRow | null> {
	const [row] = await latestRoundQuery(q, { referralId });
	return row ?? null;
}

/** A round still being answered (not yet decided), whose answers a save updates. */
export function openRound(latest: TriageRow | null): TriageRow | null {
	return latest && latest.decidedAt === null ? latest : null;
}

export function factsOf(row: Pick<CaseRow, 'lookedAfter' | 'socialWorker'>): ReferralFacts {
	return { lookedAfter: row.lookedAfter === true, hasSocialWorker: row.socialWorker === 'cin' || row.socialWorker === 'cp' };
}

export function parseAnswers(json: string | null | undefined): StoredAnswers {
	try {
		const parsed = JSON.parse(json ?? '{}') as unknown;
		return cleanAnswers(parsed).answers;
	} catch {
		return {};
	}
}

/**
 * Keeps only known indicators with a valid answer and a note within the limit; reports the fields
 * that are wrong, by their form field names.
 */
export function cleanAnswers(input: unknown): { answers: StoredAnswers; errors: Record<string, string> } {
	const answers: StoredAnswers = {};
	const errors: Record<string, string> = {};
	const source = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
	for (const key of INDICATOR_KEYS) {
		const entry = source[key];
		if (!entry || typeof entry !== 'object') continue;
		const { answer, note } = entry as { answer?: unknown; note?: unknown };
		const value = typeof answer === 'string' && (ANSWERS as readonly string[]).includes(answer) ? (answer as Answer) : '';
		if (answer && !value) errors[key] = 'Select yes, no or not known';
		const text = typeof note === 'string' ? note.trim() : '';
		if (text.length > NOTE_MAX) errors[noteField(key)] = `The note must be ${NOTE_MAX.toLocaleString('en-GB')} characters or fewer`;
		answers[key] = { answer: value, note: text.slice(0, NOTE_MAX) };
	}
	return { answers, errors };
}

export function answerMap(answers: StoredAnswers): Partial<Record<IndicatorKey, Answer | ''>> {
	return Object.fromEntries(INDICATOR_KEYS.map((k) => [k, answers[k]?.answer ?? '']));
}

/** Whether the young person, once matched, was referred before this referral (DOMAIN.md §4: repeat incident). */
export async function hasEarlierReferral(q: Queryable, row: Pick<CaseRow, 'id' | 'serviceId' | 'youngPersonId' | 'submittedAt' | 'createdAt'>): Promise<boolean> {
	if (!row.youngPersonId) return false;
	const [earlier] = await q
		.select({ id: t.referral.id })
		.from(t.referral)
		.where(
			and(
				eq(t.referral.serviceId, row.serviceId),
				eq(t.referral.youngPersonId, row.youngPersonId),
				ne(t.referral.id, row.id),
				ne(t.referral.state, 'draft'),
				lt(t.referral.submittedAt, row.submittedAt ?? row.createdAt)
			)
		)
		.limit(1);
	return Boolean(earlier);
}

/** The service's active youth workers, for choosing the lead. */
export async function youthWorkersOf(q: Queryable, serviceId: string): Promise<{ value: string; label: string }[]> {
	const rows = await q
		.select({ id: t.user.id, name: t.user.displayName })
		.from(t.user)
		.innerJoin(t.membership, eq(t.membership.userId, t.user.id))
		.where(and(eq(t.membership.serviceId, serviceId), eq(t.membership.role, 'youth_worker'), eq(t.user.active, true)))
		.orderBy(asc(t.user.displayName));
	return rows.map((r) => ({ value: r.id, label: r.name }));
}

export async function isActiveYouthWorker(q: Queryable, serviceId: string, userId: string): Promise<boolean> {
	if (!userId) return false;
	const [row] = await q
		.select({ id: t.user.id })
		.from(t.user)
		.innerJoin(t.membership, eq(t.membership.userId, t.user.id))
		.where(and(eq(t.user.id, userId), eq(t.membership.serviceId, serviceId), eq(t.membership.role, 'youth_worker'), eq(t.user.active, true)));
	return Boolean(row);
}

/** Names for any number of ids in one shape: the ids go in as one JSON array (db/prepared.ts). */
const userNamesQuery = preparedOnEither((q) =>
	q
		.select({ id: t.user.id, name: t.user.displayName })
		.from(t.user)
		.where(sql`${t.user.id} in (select value from json_each(${sql.placeholder('ids')}))`)
		.prepare()
);

export async function userNames(q: Queryable, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
	const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
	if (wanted.length === 0) return new Map();
	const rows = await userNamesQuery(q, { ids: JSON.stringify(wanted) });
	return new Map(rows.map((r) => [r.id, r.name]));
}
