import { fakerEN_GB as faker } from '@faker-js/faker';
import { placeLegalHold } from '../retention/record';
import { addDays, at, dobFor, weekdayAgo } from './clock';
import { openCase, type CasePlan, type Crew } from './cases';
import { actorOf, demoPupil } from './referrals';
import type { DemoWorld } from './seed';
import { fallback } from './steps';
import { caseRow } from './triaged';

/** Faker's seed for these cases, so they are the same people in every demo database. */
const RETENTION_SEED = 2525;

/**
 * Old closed cases for the retention page (DOMAIN.md §7), made through the domain code with the clock
 * set back years: two diversion-only referrals found not suitable and closed more than three years
 * ago (one now on legal hold), and a college student's case that touched child protection, closed
 * years ago, whose 25th birthday has passed. All are due for review. Returns how many it made.
 */
export async function seedDemoRetention(world: DemoWorld, crew: Crew, now: Date): Promise<number> {
	faker.seed(RETENTION_SEED);
	const notSuitable = (levelOfNeed: 1 | 3) => ({
		decision: 'not-suitable' as const,
		levelOfNeed,
		notSuitable: { reason: 'Better met by the school’s own pastoral support (demo).', redirectedTo: 'School pastoral team (demo)' }
	});
	const plan = (school: string, yearGroup: string, submittedOn: string, levelOfNeed: 1 | 3): CasePlan => ({
		entry: { school, yearGroup, dob: dobFor(yearGroup, submittedOn) },
		pupil: demoPupil(),
		submittedOn,
		triage: notSuitable(levelOfNeed)
	});
	const cases = [plan('oakfield', '10', weekdayAgo(now, 4 * 365 + 40), 1), plan('castlegate', '9', weekdayAgo(now, 3 * 365 + 120), 1), plan('riverside', 'none', weekdayAgo(now, 9 * 365 + 200), 3)];
	const ids: string[] = [];
	for (const p of cases) {
		const id = await openCase(world, crew, p, now);
		if (!id) continue;
		// The school records what it decided instead a week later, which closes the case.
		await fallback(crew.dsl(p.entry.school), id, 'no_further_sanction', null, 'Supported in school instead (demo).', at(addDays(p.submittedOn, 7), '12:00'));
		ids.push(id);
	}
	const held = ids[1];
	if (held) {
		const admin = { ...actorOf(world, 'admin@example.org', 'provider_admin', world.services.north, ''), schoolId: null };
		const hold = await placeLegalHold(admin, held, 'The family’s solicitor has asked for the record to be kept while a claim is considered (demo).', (await caseRow(held)).version, at(weekdayAgo(now, 30), '10:00'));
		if (!hold.ok) throw new Error(`demo legal hold refused: ${JSON.stringify(hold)}`);
	}
	return ids.length;
}
