import { and, asc, eq, sql } from 'drizzle-orm';
import { labelOf } from '$lib/codes';
import type { OnwardReferralInput } from '$lib/schemas/onward-referral';
import { YES_NO_NOT_KNOWN } from '$lib/schemas/onward-referral';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { preparedByShape } from '../db/prepared';
import { consentsOf, sharesProgress } from '../referrals/consents';
import { caseInScope, isSchoolActor } from '../referrals/scope';
import { onwardCase, onwardRow, type OnwardRow } from './onward-referrals';

/** What a school sees of an onward referral, with consent to share progress: never the note. */
export interface OnwardSummaryView {
	id: string;
	toService: string;
	referredOn: string;
	acceptedLabel: string;
	takenUpLabel: string;
}

export interface OnwardDetailView extends OnwardSummaryView {
	note: string | null;
}

export type OnwardReferralsView =
	| { audience: 'school'; onward: OnwardSummaryView[] }
	| { audience: 'service'; referralId: string; canRecord: boolean; onward: OnwardDetailView[] };

const summary = (row: OnwardRow): OnwardSummaryView => ({
	id: row.id,
	toService: row.toService,
	referredOn: row.referredOn,
	acceptedLabel: labelOf(YES_NO_NOT_KNOWN, row.accepted),
	takenUpLabel: labelOf(YES_NO_NOT_KNOWN, row.takenUp)
});

/**
 * The onward referrals of a case, shaped by who is looking (DOMAIN.md §3 step 9). The school sees the
 * service, date, accepted and taken up, and only with consent to share progress; youth workers and
 * admins see the notes too, and youth workers can record and update them. Null when there is nothing
 * to show or the case is out of scope. The case page's own load audits the read.
 */
/** A school reads its own pupil's rows only; the service, its own (built once: db/prepared.ts). */
const onwardPrepared = preparedByShape((q, shape: 'school' | 'service') =>
	q
		.select()
		.from(t.onwardReferral)
		.where(
			and(
				eq(t.onwardReferral.referralId, sql.placeholder('referralId')),
				shape === 'school' ? eq(t.onwardReferral.schoolId, sql.placeholder('schoolId')) : eq(t.onwardReferral.serviceId, sql.placeholder('serviceId'))
			)
		)
		.orderBy(asc(t.onwardReferral.referredOn), asc(t.onwardReferral.createdAt))
		.prepare()
);

export async function onwardReferralsFor(actor: Actor, referralId: string): Promise<OnwardReferralsView | null> {
	const referral = await caseInScope(actor, referralId);
	if (!referral) return null;
	const rows = await onwardPrepared(isSchoolActor(actor) ? 'school' : 'service', { referralId, schoolId: actor.schoolId ?? '', serviceId: actor.serviceId }).all();
	if (isSchoolActor(actor)) {
		if (rows.length === 0 || !sharesProgress(await consentsOf(referralId))) return null;
		return { audience: 'school', onward: rows.map(summary) };
	}
	if (actor.role !== 'youth_worker' && actor.role !== 'provider_admin') return null;
	const canRecord = actor.role === 'youth_worker' && Boolean((await onwardCase(db(), actor, referralId))?.recordable);
	if (rows.length === 0 && !canRecord) return null;
	return { audience: 'service', referralId, canRecord, onward: rows.map((r) => ({ ...summary(r), note: r.note })) };
}

/** The form as a stored onward referral fills it. */
export function onwardFormValues(row: OnwardRow): OnwardReferralInput {
	const [year, month, day] = row.referredOn.split('-');
	return {
		version: row.version,
		toService: row.toService,
		referredDay: String(Number(day)),
		referredMonth: String(Number(month)),
		referredYear: year ?? '',
		accepted: row.accepted as OnwardReferralInput['accepted'],
		takenUp: row.takenUp as OnwardReferralInput['takenUp'],
		note: row.note ?? ''
	};
}

/** The case for the "record an onward referral" page, for a youth worker of its service. */
export async function onwardNewView(actor: Actor, referralId: string) {
	const found = await onwardCase(db(), actor, referralId);
	if (!found) return null;
	await recordAudit(db(), actor, { action: 'onward.form-viewed', recordType: 'referral', recordId: referralId, schoolId: found.row.schoolId });
	return { referralId, displayName: found.row.displayName || 'Referral', recordable: found.recordable };
}

/** One onward referral to update, for a youth worker of the case's service (audited). */
export async function onwardForEdit(actor: Actor, referralId: string, onwardId: string) {
	const found = await onwardCase(db(), actor, referralId);
	const row = found ? await onwardRow(db(), actor, referralId, onwardId) : null;
	if (!found || !row) return null;
	await recordAudit(db(), actor, { action: 'onward.viewed', recordType: 'onward_referral', recordId: row.id, schoolId: found.row.schoolId, detail: { referralId } });
	return { referralId, displayName: found.row.displayName || 'Referral', recordable: found.recordable, row };
}
