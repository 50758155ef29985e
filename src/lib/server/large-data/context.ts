import type { Faker } from '@faker-js/faker';
import type { Who } from './case-record';
import type { Random } from './random';
import type { GenSchool, GenService } from './world';

/** What every step of a generated case needs: the seeded source, the clock's end and where the case belongs. */
export interface CaseContext {
	r: Random;
	faker: Faker;
	now: Date;
	service: GenService;
	school: GenSchool;
}

export function youthWorker(ctx: CaseContext, senior = false): Who {
	const pool = senior ? ctx.service.seniors : ctx.service.youthWorkers;
	return { userId: ctx.r.pick(pool), role: 'youth_worker', address: '10.0.0.2' };
}
