import type { Db } from '../db';
import { registerRecurringJob } from '../outbox/jobs';
import { log } from '../util/log';
import { scheduleFollowUps } from './schedule';
import { chaseUnanswered, closeNotReturned, promptDue } from './sweep';

export const FOLLOW_UP_JOB = 'follow-ups.sweep';
export const FOLLOW_UP_EVERY_MS = 60 * 60_000;

/**
 * One pass over follow-ups (DOMAIN.md §3 steps 10–11): schedule new ones, prompt those due, chase the
 * unanswered, close the not returned. Every step claims its rows with a conditional update, so a
 * second run, or a run on another instance, does nothing twice.
 */
export async function runFollowUps(database: Db, now: Date) {
	return {
		scheduled: await scheduleFollowUps(database, now),
		prompted: await promptDue(database, now),
		chased: await chaseUnanswered(database, now),
		notReturned: await closeNotReturned(database, now)
	};
}

export function registerFollowUpJob(): void {
	registerRecurringJob(FOLLOW_UP_JOB, FOLLOW_UP_EVERY_MS, async ({ db, now }) => {
		log('info', FOLLOW_UP_JOB, { ...(await runFollowUps(db, now)) });
	});
}
