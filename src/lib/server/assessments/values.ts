import { and, asc, eq, sql } from 'drizzle-orm';
import { ASSESSMENT_DOMAIN_KEYS, GOAL_FIELDS, type AssessmentDomainKey } from '$lib/assessment-domains';
import { DOMAIN_ANSWER_MAX, type AssessmentForm } from '$lib/schemas/assessment';
import { t, type Queryable } from '../db';
import { preparedOnEither } from '../db/prepared';

export type AssessmentRow = typeof t.assessment.$inferSelect;
export type DomainAnswers = Partial<Record<AssessmentDomainKey, string>>;

/** States in which the assessment can be recorded: from acceptance, and corrected while in the programme. */
export const ASSESSABLE_STATES: readonly string[] = ['accepted', 'in_assessment', 'in_programme'];

/** The stored answers, keeping only known domains (the JSON is ours, but old rows may hold other keys). */
export function parseDomainAnswers(json: string | null | undefined): DomainAnswers {
	let parsed: unknown;
	try {
		parsed = JSON.parse(json ?? '{}');
	} catch {
		return {};
	}
	const source = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
	const answers: DomainAnswers = {};
	for (const key of ASSESSMENT_DOMAIN_KEYS) {
		const value = source[key];
		if (typeof value === 'string' && value) answers[key] = value.slice(0, DOMAIN_ANSWER_MAX);
	}
	return answers;
}

/**
 * The answers column as stored: each domain's text, plus the draft's "new risks?" answer, since the
 * newRisks flag column cannot tell "not answered yet" from "no" (a nullable column would; see the
 * report). It is kept under a key no domain uses.
 */
export const NEW_RISKS_ANSWER_KEY = 'newRisksAnswer';

export function storedAnswersOf(form: AssessmentForm): string {
	const answers: Record<string, string> = Object.fromEntries(ASSESSMENT_DOMAIN_KEYS.filter((k) => form[k]).map((k) => [k, form[k]]));
	if (form.newRisks) answers[NEW_RISKS_ANSWER_KEY] = form.newRisks;
	return JSON.stringify(answers);
}

function storedNewRisks(json: string | null | undefined): AssessmentForm['newRisks'] {
	try {
		const value = (JSON.parse(json ?? '{}') as Record<string, unknown>)[NEW_RISKS_ANSWER_KEY];
		return value === 'yes' || value === 'no' ? value : '';
	} catch {
		return '';
	}
}

/** The assessment of a case and its goals, by the case's service (the caller has checked the case's scope). */
// Read on every case page: built once on the app's database (db/prepared.ts).
const assessmentQuery = preparedOnEither((q) =>
	q
		.select()
		.from(t.assessment)
		.where(and(eq(t.assessment.referralId, sql.placeholder('referralId')), eq(t.assessment.serviceId, sql.placeholder('serviceId'))))
		.prepare()
);
const goalsQuery = preparedOnEither((q) =>
	q
		.select()
		.from(t.goal)
		.where(and(eq(t.goal.referralId, sql.placeholder('referralId')), eq(t.goal.serviceId, sql.placeholder('serviceId'))))
		.orderBy(asc(t.goal.position))
		.prepare()
);

export async function assessmentOf(q: Queryable, referral: { id: string; serviceId: string }) {
	const values = { referralId: referral.id, serviceId: referral.serviceId };
	const [row] = await assessmentQuery(q, values);
	const goals = await goalsQuery(q, values);
	return { row: row ?? null, goals };
}

/** The form as the stored assessment fills it (empty for a case not yet assessed). */
export function assessmentFormValues(row: AssessmentRow | null, goals: { position: number; text: string }[]): AssessmentForm {
	const answers = parseDomainAnswers(row?.answers);
	const byPosition = new Map(goals.map((g) => [g.position, g.text]));
	return {
		version: row?.version ?? 0,
		...(Object.fromEntries(ASSESSMENT_DOMAIN_KEYS.map((k) => [k, answers[k] ?? ''])) as Record<AssessmentDomainKey, string>),
		...(Object.fromEntries(GOAL_FIELDS.map((g, i) => [g, byPosition.get(i + 1) ?? ''])) as Record<(typeof GOAL_FIELDS)[number], string>),
		riskSummary: row?.riskSummary ?? '',
		suitability: (row?.suitability ?? '') as AssessmentForm['suitability'],
		plannedOnwardReferrals: row?.plannedOnwardReferrals ?? '',
		newRisks: row ? storedNewRisks(row.answers) : '',
		newRisksNote: row?.newRisksNote ?? ''
	};
}
