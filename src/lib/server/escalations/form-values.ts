import type { z } from 'zod';
import type { escalationUpdateSchema } from '$lib/schemas/escalation';
import type { t } from '../db';
import { whenFields } from './record';

type EscalationRow = typeof t.escalation.$inferSelect;
export type EscalationFormValues = z.input<typeof escalationUpdateSchema>;

/** The edit form's values for a stored escalation (times in London time); the note always starts empty. */
export function escalationFormValues(e: EscalationRow): EscalationFormValues {
	return {
		version: e.version,
		made: e.sentAt ? 'yes' : '',
		method: (e.method ?? '') as EscalationFormValues['method'],
		...whenFields('sent', e.sentAt),
		reference: e.reference ?? '',
		lawfulBasis: (e.lawfulBasis ?? '') as EscalationFormValues['lawfulBasis'],
		...whenFields('written', e.writtenReferralAt),
		...whenFields('acknowledged', e.acknowledgedAt),
		decision: e.decision ?? '',
		...whenFields('decision', e.decisionAt),
		outcome: e.outcome ?? '',
		nextAction: e.nextAction ?? '',
		close: '',
		note: ''
	};
}
