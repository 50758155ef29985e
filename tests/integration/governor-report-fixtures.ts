import { db, t } from '$lib/server/db';
import { newId } from '$lib/server/util/ids';

type Row = typeof t.referralStatistic.$inferInsert;

/** One statistics row with plain defaults; tests state only what they count. */
export async function insertStatistic(serviceId: string, schoolId: string, values: Partial<Row>): Promise<void> {
	await db()
		.insert(t.referralStatistic)
		.values({ id: newId(), serviceId, schoolId, state: 'closed', updatedAt: new Date(), ...values });
}

export async function insertRoll(serviceId: string, schoolId: string, academicYear: number, counts: Record<string, Record<string, number>>): Promise<void> {
	for (const [characteristic, groups] of Object.entries(counts)) {
		for (const [groupCode, count] of Object.entries(groups)) await db().insert(t.schoolRoll).values({ schoolId, serviceId, academicYear, characteristic, groupCode, count });
	}
}

type Pupil = [sex: string, ethnicity: string, year: string, decision: string, consent: boolean, assessed: boolean, outcome: string | null, daysToFirstSession: number | null];

/**
 * Academic year 2024/25 at one school: twelve referrals with known answers (see the test), three
 * cases referred the year before whose programme ended in this one, and six referrals in 2023/24.
 */
export const CURRENT: Pupil[] = [
	['M', 'White', '9', 'instead_of_suspension', true, true, 'completed', 5],
	['M', 'White', '9', 'instead_of_suspension', true, true, 'completed', 6],
	['M', 'White', '9', 'instead_of_suspension', true, true, 'completed', 7],
	['M', 'White', '9', 'instead_of_suspension', true, true, 'completed', 8],
	['M', 'White', '9', 'instead_of_suspension', true, true, 'completed', 9],
	['M', 'White', '9', 'instead_of_suspension', true, true, 'completed', 10],
	['M', 'Black', '9', 'instead_of_suspension', true, true, 'did_not_engage', 11],
	['F', 'White', '9', 'instead_of_permanent_exclusion', true, true, 'completed', 12],
	['F', 'White', '9', 'instead_of_permanent_exclusion', true, true, 'completed', 13],
	['F', 'Black', '10', 'instead_of_permanent_exclusion', true, false, 'did_not_engage', 14],
	['F', 'Black', '10', 'alongside_suspension', false, false, null, null],
	['F', 'Asian', '9', 'alongside_suspension', false, false, null, null]
];

export async function seedGovernorDataset(serviceId: string, schoolId: string): Promise<void> {
	for (const [i, [sex, ethnicityGroup, yearGroup, schoolDecision, programmeConsent, assessed, outcome, days]] of CURRENT.entries()) {
		await insertStatistic(serviceId, schoolId, {
			submittedOn: `2024-10-${String(i + 1).padStart(2, '0')}`,
			incidentOn: '2024-10-01',
			sex,
			ethnicityGroup,
			yearGroup,
			sen: 'N',
			fsm: i % 2 === 0,
			lookedAfter: false,
			socialWorker: 'none',
			schoolDecision,
			wouldBeDays: schoolDecision === 'alongside_suspension' ? 5 : schoolDecision === 'instead_of_suspension' ? 3 : null,
			actualDays: schoolDecision === 'alongside_suspension' ? 2 : null,
			// The school excluded one pupil after all: not an exclusion avoided.
			fallbackDecision: i === 8 ? 'permanent_exclusion' : null,
			programmeConsent,
			evaluationConsent: false,
			assessedOn: assessed ? '2024-11-01' : null,
			firstSessionOn: days === null ? null : `2024-10-${String(1 + days).padStart(2, '0')}`,
			sessionsAttended: days === null ? 0 : 3,
			outcome,
			outcomeOn: outcome ? '2025-02-01' : null,
			escalationAgencies: i < 2 ? ',mash,' : '',
			escalations: i < 2 ? 1 : 0
		});
	}
	// Referred in 2023/24, ended partially in 2024/25: counted in this year's outcomes, not its referrals.
	for (let i = 0; i < 3; i++) {
		await insertStatistic(serviceId, schoolId, { submittedOn: '2024-06-01', sex: 'M', ethnicityGroup: 'White', yearGroup: '9', schoolDecision: 'instead_of_suspension', wouldBeDays: 2, outcome: 'partially_completed', outcomeOn: '2024-10-15' });
	}
	for (let i = 0; i < 3; i++) {
		await insertStatistic(serviceId, schoolId, { submittedOn: `2024-0${i + 1}-10`, sex: 'F', ethnicityGroup: 'White', yearGroup: '8', schoolDecision: 'instead_of_suspension', wouldBeDays: 2 });
	}
}
