import { readWhen, type WhenPrefix } from '$lib/schemas/escalation';
import type { Actor } from '../auth/actor';
import type { Tx } from '../db';
import { recordCaseEvent } from '../referrals/events';
import { fromLondon, toLondon } from '../time/working-days';
import type { EscalationActor, EscalationState, RecordField, Refusal } from './lifecycle';

/** Which side of the lifecycle an actor acts on; null for roles that record no escalations. */
export function escalationActorOf(actor: Actor): EscalationActor | null {
	if (actor.role === 'youth_worker') return 'youth_worker';
	if (actor.role === 'dsl' || actor.role === 'deputy_dsl') return 'school';
	return null;
}

/** Made by the pupil's school's safeguarding leads (so they may update it). */
export function isMadeBySchool(row: { createdByRole: string }): boolean {
	return row.createdByRole === 'dsl' || row.createdByRole === 'deputy_dsl';
}

/** The instant a form's date-and-time pair names, read as London time; null when left empty. */
export function instantOf(prefix: WhenPrefix, input: Record<string, unknown>): Date | null {
	const read = readWhen(prefix, input);
	if (read.ok !== true) return null;
	const [year, month, day] = read.iso.split('-').map(Number) as [number, number, number];
	const [hour, minute] = read.time.split(':').map(Number) as [number, number];
	return fromLondon({ year, month, day, hour, minute, second: 0, ms: 0 });
}

/** A stored instant as the form's date-and-time fields, in London time. */
export function whenFields<P extends WhenPrefix>(prefix: P, at: Date | null): Record<`${P}Day` | `${P}Month` | `${P}Year` | `${P}Time`, string> {
	const local = at ? toLondon(at) : null;
	return {
		[`${prefix}Day`]: local ? String(local.day) : '',
		[`${prefix}Month`]: local ? String(local.month) : '',
		[`${prefix}Year`]: local ? String(local.year) : '',
		[`${prefix}Time`]: local ? `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}` : ''
	} as Record<`${P}Day` | `${P}Month` | `${P}Year` | `${P}Time`, string>;
}

export const blankToNull = (value: string | null | undefined): string | null => (value?.trim() ? value : null);

const FORM_FIELD: Record<RecordField, string> = {
	agency: 'agency',
	method: 'method',
	sentAt: 'sentDay',
	writtenReferralAt: 'writtenDay',
	lawfulBasis: 'lawfulBasis',
	acknowledgedAt: 'acknowledgedDay',
	decision: 'decision',
	decisionAt: 'decisionDay',
	outcome: 'outcome'
};

const NAME: Record<RecordField, string> = {
	agency: 'Who it is to',
	method: 'How it was made',
	sentAt: 'Time sent',
	writtenReferralAt: 'Time the written referral was sent',
	lawfulBasis: 'Lawful basis',
	acknowledgedAt: 'Time acknowledged',
	decision: 'Decision',
	decisionAt: 'Time of the decision',
	outcome: 'Outcome'
};

const MISSING: Partial<Record<RecordField, string>> = {
	method: 'Select how it was made',
	lawfulBasis: 'Select the lawful basis for sharing',
	decision: 'Enter the decision',
	decisionAt: 'Enter the date and time of the decision',
	outcome: 'Enter the outcome before closing the escalation'
};

/** A refusal from the lifecycle as a message at a form field ('' is the whole form). */
export function refusalMessage(refusal: Refusal): { field: string; message: string } {
	if (!('field' in refusal)) {
		switch (refusal.problem) {
			case 'decision-first':
				return { field: 'close', message: 'Record MASH’s decision and its time before closing a MASH escalation' };
			case 'reason-required':
				return { field: 'reason', message: 'Enter why the escalation is withdrawn' };
			default:
				return { field: '', message: 'This escalation can no longer be changed that way' };
		}
	}
	const field = FORM_FIELD[refusal.field];
	const name = NAME[refusal.field];
	switch (refusal.problem) {
		case 'missing':
			return { field, message: MISSING[refusal.field] ?? `Enter “${name.toLowerCase()}”` };
		case 'fixed':
			return { field, message: `${name} cannot change once the escalation is made. Withdraw it with a reason and record it again` };
		case 'cannot-remove':
			return { field, message: `${name} was recorded: you can correct it but not remove it` };
		case 'before-sent':
			return { field, message: `${name} must be after the escalation was made` };
		case 'future':
			return { field, message: `${name} must be in the past` };
		case 'not-made':
			return { field, message: 'Record how and when the escalation was made first' };
		case 'not-phone':
			return { field, message: 'A written referral is recorded only for a MASH escalation made by phone or in person' };
		case 'unknown-agency':
			return { field, message: 'Select who the escalation is to' };
	}
}

/**
 * One chronology entry per save (DOMAIN.md §7). The school sees the facts that an escalation was
 * made, decided, closed or withdrawn; a youth worker's note stays in a separate entry the school does
 * not see. Everything about an escalation the school made is the school's own record.
 */
export async function recordEscalationEvent(
	tx: Tx,
	actor: Actor,
	referral: { id: string; serviceId: string; schoolId: string },
	event: { agency: string; from: EscalationState | null; to: EscalationState; schoolFact: boolean; note: string | null },
	now: Date
): Promise<void> {
	const school = escalationActorOf(actor) === 'school';
	const base = { kind: 'escalation' as const, section: event.agency, fromState: event.from, toState: event.to };
	if (school || !event.schoolFact) {
		await recordCaseEvent(tx, actor, referral, { ...base, reason: event.note, schoolVisible: school }, now);
		return;
	}
	await recordCaseEvent(tx, actor, referral, { ...base, schoolVisible: true }, now);
	if (event.note) await recordCaseEvent(tx, actor, referral, { ...base, fromState: event.to, reason: event.note, schoolVisible: false }, now);
}
