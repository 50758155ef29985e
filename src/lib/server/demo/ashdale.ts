import { addDays, at } from './clock';
import { ashdaleCohorts, type AshdaleCase } from './ashdale-plan';
import { finishCase, openCase, runSessions, todayOf, type Crew } from './cases';
import type { FollowUpAnswer } from './follow-ups';
import type { DemoWorld } from './seed';

const HUB = 'Ashdale High School, the Hub (demo)';

/** Seeds Ashdale High School's referrals, group by group, each as far as today; returns how many. */
export async function seedAshdale(world: DemoWorld, crew: Crew, now: Date, answers: Map<string, FollowUpAnswer>): Promise<number> {
	let made = 0;
	for (const cohort of ashdaleCohorts(todayOf(now))) {
		const opened: [string, AshdaleCase][] = [];
		for (const c of cohort.cases) {
			const id = await openCase(world, crew, c.plan, now);
			if (id) opened.push([id, c]);
		}
		const members = opened
			.filter(([, c]) => c.fate !== 'not-suitable')
			.map(([id, c]) => ({ id, marks: c.marks, readyAt: at(addDays(c.plan.submittedOn, c.plan.assessedAfterDays ?? 4), '12:00') }));
		await runSessions(crew, cohort.sessions.map((on, module) => ({ on, time: '15:45', module, place: HUB })), members, now);
		for (const [id, c] of opened) {
			const answer = await finishCase(crew, id, c.plan, now);
			if (answer) answers.set(id, answer);
		}
		made += opened.length;
	}
	return made;
}
