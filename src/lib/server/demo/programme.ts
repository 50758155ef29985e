import { fakerEN_GB as faker } from '@faker-js/faker';
import { seedAshdale } from './ashdale';
import { crewOf } from './cases';
import { runDemoFollowUps, type FollowUpAnswer } from './follow-ups';
import { seedNorthCases } from './north';
import { seedDemoRetention } from './retention';
import type { DemoWorld } from './seed';

/** Faker's seed for the programme's cases, so every demo database holds the same people and outcomes. */
const PROGRAMME_SEED = 8080;

/**
 * The second half of the path in the demo (issue point 8): current cases in every step after triage at
 * Oakfield, Riverside and Castlegate, and a busy school, Ashdale High School, with a year of outcomes,
 * certificates and follow-ups, all made through the domain functions the pages and jobs call, with
 * the clock set back. The follow-ups of every case run last, in time order across cases, as the
 * hourly job would have run them. Returns how many referrals it made.
 */
export async function seedDemoProgramme(world: DemoWorld, now = new Date()): Promise<number> {
	faker.seed(PROGRAMME_SEED);
	const crew = crewOf(world);
	const answers = new Map<string, FollowUpAnswer>();
	const made = (await seedNorthCases(world, crew, now, answers)) + (await seedAshdale(world, crew, now, answers));
	await runDemoFollowUps(answers, now);
	return made + (await seedDemoRetention(world, crew, now));
}
