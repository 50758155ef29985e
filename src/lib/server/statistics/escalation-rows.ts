import type { t } from '../db';
import { isoDate, toLondon } from '../time/working-days';

/** What the rows need of an escalation, as read from the table or as the large-data generator builds it. */
type EscalationRow = Pick<typeof t.escalation.$inferInsert, 'agency' | 'required' | 'state' | 'sentAt' | 'decisionAt'>;
export type EscalationStatisticRow = typeof t.escalationStatistic.$inferInsert;

/**
 * A referral's escalations as anonymised rows (schema/statistics.ts): sent ones only, as the statistics
 * row counts them. "Decided" is an agency decision recorded, as `escalationsDecided` counts it;
 * "withdrawn" was withdrawn before one; the rest await one. Each row gets a fresh id, not the
 * escalation's: nothing here leads back to the case once retention deletes it. Pure: the app's refresh
 * and the large-data generator both write these.
 */
export function escalationStatisticRows(
	escalations: readonly EscalationRow[],
	statistic: { id: string; serviceId: string; schoolId: string; submittedOn: string | null },
	newId: () => string
): EscalationStatisticRow[] {
	return escalations
		.filter((e) => e.sentAt)
		.map((e) => ({
			id: newId(),
			statisticId: statistic.id,
			serviceId: statistic.serviceId,
			schoolId: statistic.schoolId,
			submittedOn: statistic.submittedOn,
			agency: e.agency,
			required: e.required ?? false,
			status: e.decisionAt ? 'decided' : e.state === 'withdrawn' ? 'withdrawn' : 'awaiting',
			decidedOn: e.decisionAt ? isoDate(toLondon(e.decisionAt)) : null
		}));
}
