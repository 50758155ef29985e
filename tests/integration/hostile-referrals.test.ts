import { afterAll, beforeAll, describe, it } from 'vitest';
import { newTally } from '../helpers/hostile-run';
import { expectInert, lazy, startHostileWorld, type HostileWorld } from '../helpers/hostile-world';
import { referralSpecs } from './hostile/referral-specs';

const world = lazy<HostileWorld>();
const tally = newTally();
let close: () => Promise<void>;
beforeAll(async () => {
	const started = await startHostileWorld();
	world.set(started.ctx);
	close = started.close;
});
afterAll(() => close());

describe('hostile input to the referral and triage forms', () => {
	for (const spec of referralSpecs(world.get)) {
		it(`${spec.route} ${spec.action} ${Object.keys(spec.fields).length} fields: never a 500, and text stored exactly as typed`, async () => {
			await expectInert(spec, tally);
		}, 120_000);
	}
});
