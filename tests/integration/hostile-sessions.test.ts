import { afterAll, beforeAll, describe, it } from 'vitest';
import { newTally } from '../helpers/hostile-run';
import { expectInert, lazy, startHostileWorld, type HostileWorld } from '../helpers/hostile-world';
import { sessionSpecs } from './hostile/session-specs';

const world = lazy<HostileWorld>();
const tally = newTally();
let close: () => Promise<void>;
beforeAll(async () => {
	const started = await startHostileWorld();
	world.set(started.ctx);
	close = started.close;
});
afterAll(() => close());

describe('hostile input to the session forms', () => {
	for (const spec of sessionSpecs(world.get)) {
		it(`${spec.route} ${spec.action}: never a 500, and text stored exactly as typed`, async () => {
			await expectInert(spec, tally);
		}, 120_000);
	}
});
