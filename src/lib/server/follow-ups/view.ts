import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { labelOf } from '$lib/codes';
import { FOLLOW_UP_ANSWERS } from '$lib/schemas/follow-up';
import type { Actor } from '../auth/actor';
import { t } from '../db';
import { preparedByShape } from '../db/prepared';
import { preparedReferralScope, referralScopeKind, type ReferralScopeKind } from '../referrals/scope';
import { isOpen, modeFor, type FollowUpRow } from './record';

export type FollowUpStatus = 'scheduled' | 'due' | 'chased' | 'recorded' | 'not_returned';

export const FOLLOW_UP_STATUS: Record<FollowUpStatus, { label: string; tag: string }> = {
	scheduled: { label: 'Not due yet', tag: 'grey' },
	due: { label: 'Due', tag: 'yellow' },
	chased: { label: 'Chased', tag: 'orange' },
	recorded: { label: 'Recorded', tag: 'green' },
	not_returned: { label: 'Not returned', tag: 'red' }
};

export function statusOf(row: Pick<FollowUpRow, 'promptedAt' | 'chasedAt' | 'recordedAt' | 'notReturnedAt'>): FollowUpStatus {
	if (row.recordedAt) return 'recorded';
	if (row.notReturnedAt) return 'not_returned';
	if (row.chasedAt) return 'chased';
	return row.promptedAt ? 'due' : 'scheduled';
}

export interface AnswerRow {
	label: string;
	value: string;
}

const answer = (value: string | null) => labelOf(FOLLOW_UP_ANSWERS, value) || 'Not asked';

/** The school's answers, in words; "drug-related" rows only after a yes. */
export function schoolAnswers(row: FollowUpRow): AnswerRow[] {
	const rows: AnswerRow[] = [
		{ label: 'Further drug incident at school', value: answer(row.furtherDrugIncident) },
		{ label: 'Suspended, for any reason', value: answer(row.suspension) }
	];
	if (row.suspension === 'yes') rows.push({ label: 'Suspension drug-related', value: answer(row.suspensionDrugRelated) });
	rows.push({ label: 'Permanently excluded, for any reason', value: answer(row.exclusion) });
	if (row.exclusion === 'yes') rows.push({ label: 'Exclusion drug-related', value: answer(row.exclusionDrugRelated) });
	rows.push({ label: 'Police contact the school knows of', value: answer(row.policeContact) }, { label: 'Took up onward services', value: answer(row.onwardTakeUp) });
	if (row.note) rows.push({ label: 'Note', value: row.note });
	return rows;
}

/** Police contact the provider was told of: the service's own record, never shown to the school. */
export function providerAnswers(row: FollowUpRow): AnswerRow[] {
	if (!row.providerPoliceContact) return [];
	const rows = [{ label: 'Police contact the provider was told of', value: answer(row.providerPoliceContact) }];
	if (row.providerPoliceNote) rows.push({ label: 'Provider’s note about police contact', value: row.providerPoliceNote });
	return rows;
}

export interface FollowUpView {
	months: number;
	dueOn: string;
	status: FollowUpStatus;
	statusLabel: string;
	statusTag: string;
	/** The recording page's link text, when the viewer can act there. */
	action: string | null;
	answers: AnswerRow[];
}

function actionFor(actor: Actor, row: FollowUpRow): string | null {
	switch (modeFor(actor, row)) {
		case 'school':
		case 'service':
			return 'Record';
		case 'provider-police':
			return 'Add police contact';
		case 'read-only':
			return null;
		case 'not-due':
			return null;
	}
}

/** The case's follow-ups, within the actor's scope (built once per scope: db/prepared.ts). */
const followUpsPrepared = preparedByShape((q, kind: ReferralScopeKind) =>
	q
		.select({ followUp: t.followUp })
		.from(t.followUp)
		.innerJoin(t.referral, eq(t.referral.id, t.followUp.referralId))
		.where(and(eq(t.followUp.referralId, sql.placeholder('referralId')), preparedReferralScope(kind), ne(t.referral.state, 'draft')))
		.orderBy(asc(t.followUp.months))
		.prepare()
);

/**
 * A case's follow-ups for the case page (DOMAIN.md §3 step 10): due date and status for everyone who
 * sees the case; the answers for the school and the service; police contact the provider was told of
 * for the service only. Null when the case has none. The case page's own audit row covers the read.
 */
export async function followUpsFor(actor: Actor, referralId: string): Promise<{ referralId: string; followUps: FollowUpView[] } | null> {
	const rows = await followUpsPrepared(referralScopeKind(actor), { referralId, serviceId: actor.serviceId, schoolId: actor.schoolId ?? '' }).all();
	if (rows.length === 0) return null;
	const school = actor.role === 'dsl' || actor.role === 'deputy_dsl';
	return {
		referralId,
		followUps: rows.map(({ followUp: row }) => {
			const status = statusOf(row);
			return {
				months: row.months,
				dueOn: row.dueOn,
				status,
				statusLabel: FOLLOW_UP_STATUS[status].label,
				statusTag: FOLLOW_UP_STATUS[status].tag,
				action: actionFor(actor, row),
				answers: row.recordedAt || (!school && !isOpen(row)) ? [...(row.recordedAt ? schoolAnswers(row) : []), ...(school ? [] : providerAnswers(row))] : []
			};
		})
	};
}
