import { and, asc, eq } from 'drizzle-orm';
import { termDateProblems, TERMS, type Term, type TermDatesInput } from '$lib/schemas/admin-settings';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Queryable } from '../db';
import { sha256Hex } from '../util/hash';
import { newId } from '../util/ids';
import { assertCanEditSettings, invalid, refuseStale, StaleEdit, type SaveResult } from './save-result';

export type TermDates = Partial<TermDatesInput>;

export interface AcademicYearTerms {
	academicYear: number;
	terms: TermDates;
}

export const TERM_DATES_STALE = 'Someone else changed these term dates while you were editing. Their dates are shown; make your changes again';

function isTerm(value: string): value is Term {
	return (TERMS as readonly string[]).includes(value);
}

async function rowsFor(q: Queryable, serviceId: string, academicYear?: number) {
	return q
		.select({ academicYear: t.termDate.academicYear, term: t.termDate.term, startsOn: t.termDate.startsOn, endsOn: t.termDate.endsOn })
		.from(t.termDate)
		.where(academicYear === undefined ? eq(t.termDate.serviceId, serviceId) : and(eq(t.termDate.serviceId, serviceId), eq(t.termDate.academicYear, academicYear)))
		.orderBy(asc(t.termDate.academicYear), asc(t.termDate.startsOn));
}

/** Every academic year with term dates, oldest first. */
export async function listTermDates(q: Queryable, serviceId: string): Promise<AcademicYearTerms[]> {
	const years = new Map<number, TermDates>();
	for (const row of await rowsFor(q, serviceId)) {
		const terms = years.get(row.academicYear) ?? {};
		if (isTerm(row.term)) terms[row.term] = { startsOn: row.startsOn, endsOn: row.endsOn };
		years.set(row.academicYear, terms);
	}
	return [...years].map(([academicYear, terms]) => ({ academicYear, terms }));
}

/**
 * The term_date rows carry no version column, so the edit form carries a fingerprint of the dates it
 * read instead: a save is refused when the stored dates no longer match it (SECURITY.md 20).
 */
export async function termDatesFor(q: Queryable, serviceId: string, academicYear: number): Promise<{ terms: TermDates; version: string }> {
	const terms: TermDates = {};
	for (const row of await rowsFor(q, serviceId, academicYear)) if (isTerm(row.term)) terms[row.term] = { startsOn: row.startsOn, endsOn: row.endsOn };
	const version = sha256Hex(JSON.stringify(TERMS.map((term) => terms[term] ?? null))).slice(0, 32);
	return { terms, version };
}

/** Sets a year's three terms, checked by the same rules as the form. */
export async function saveTermDates(actor: Actor, academicYear: number, terms: TermDatesInput, expectedVersion: string, now = new Date()): Promise<SaveResult> {
	assertCanEditSettings(actor);
	if (!Number.isInteger(academicYear) || academicYear < 2000 || academicYear > 2100) return invalid(['Enter an academic year between 2000 and 2100']);
	const malformed = TERMS.some((term) => !/^\d{4}-\d{2}-\d{2}$/.test(terms[term].startsOn) || !/^\d{4}-\d{2}-\d{2}$/.test(terms[term].endsOn));
	if (malformed) return invalid(['Enter real dates for every term']);
	const problems = termDateProblems(academicYear, terms);
	if (problems.length > 0) return invalid(problems.map((problem) => problem.message));
	return refuseStale(() =>
		db().transaction(async (tx) => {
			if ((await termDatesFor(tx, actor.serviceId, academicYear)).version !== expectedVersion) throw new StaleEdit(TERM_DATES_STALE);
			for (const term of TERMS) {
				const { startsOn, endsOn } = terms[term];
				await tx
					.insert(t.termDate)
					.values({ id: newId(), serviceId: actor.serviceId, academicYear, term, startsOn, endsOn, createdAt: now })
					.onConflictDoUpdate({ target: [t.termDate.serviceId, t.termDate.academicYear, t.termDate.term], set: { startsOn, endsOn } });
			}
			await recordAudit(tx, actor, { action: 'settings.changed', recordType: 'term_dates', recordId: String(academicYear), detail: { key: 'termDates', academicYear } });
			return { ok: true } as const;
		})
	);
}
