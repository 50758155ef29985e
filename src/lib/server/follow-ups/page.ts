import type { FollowUpFormInput } from '$lib/schemas/follow-up';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db } from '../db';
import { followUpFor, modeFor, type FollowUpRow } from './record';
import { FOLLOW_UP_STATUS, providerAnswers, schoolAnswers, statusOf } from './view';

/** The months in the address: a whole number of months, or null (not found). */
export function monthsParam(param: string): number | null {
	return /^[1-9]\d?$/.test(param) ? Number(param) : null;
}

/** What is saved, as the form's values (a blank answer for a question not answered yet). */
export function formValues(row: FollowUpRow): FollowUpFormInput {
	return {
		version: row.version,
		furtherDrugIncident: (row.furtherDrugIncident ?? '') as FollowUpFormInput['furtherDrugIncident'],
		suspension: (row.suspension ?? '') as FollowUpFormInput['suspension'],
		suspensionDrugRelated: (row.suspensionDrugRelated ?? '') as FollowUpFormInput['suspensionDrugRelated'],
		exclusion: (row.exclusion ?? '') as FollowUpFormInput['exclusion'],
		exclusionDrugRelated: (row.exclusionDrugRelated ?? '') as FollowUpFormInput['exclusionDrugRelated'],
		policeContact: (row.policeContact ?? '') as FollowUpFormInput['policeContact'],
		onwardTakeUp: (row.onwardTakeUp ?? '') as FollowUpFormInput['onwardTakeUp'],
		note: row.note ?? '',
		providerPoliceContact: (row.providerPoliceContact ?? '') as FollowUpFormInput['providerPoliceContact'],
		providerPoliceNote: row.providerPoliceNote ?? ''
	};
}

/**
 * The follow-up page for the pupil's school's safeguarding leads and the service's youth workers;
 * null (not found) for anyone else or another school's pupil. Every read writes an audit row.
 */
export async function followUpPage(actor: Actor, referralId: string, months: number) {
	const found = await followUpFor(db(), actor, referralId, months);
	if (!found) return null;
	const row = found.followUp;
	await recordAudit(db(), actor, { action: 'follow-up.viewed', recordType: 'follow_up', recordId: row.id, schoolId: row.schoolId });
	const status = statusOf(row);
	const school = actor.role !== 'youth_worker';
	return {
		row,
		view: {
			referralId,
			months,
			displayName: found.displayName || 'Referral',
			dueOn: row.dueOn,
			mode: modeFor(actor, row),
			statusLabel: FOLLOW_UP_STATUS[status].label,
			statusTag: FOLLOW_UP_STATUS[status].tag,
			answers: row.recordedAt ? schoolAnswers(row) : [],
			providerAnswers: school ? [] : providerAnswers(row)
		}
	};
}
