import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../database';
import { routeHandlers } from '../route-handlers';
import { seedWorld } from '../world';
import { describeCase, isLeak, runHandler, type MatrixCase, type MatrixContext } from './cases-run';
import { MatrixPeople } from './people';
import { MatrixRecords } from './records';

export const SUMMARY_DIR = join(process.cwd(), 'test-results', 'access-matrix');

/** The area's figures, written to test-results/access-matrix/<area>.json (git ignores test-results/). */
function writeSummary(area: string, cases: MatrixCase[]): void {
	const count = (f: (c: MatrixCase) => boolean) => cases.filter(f).length;
	const summary = {
		area,
		cases: cases.length,
		leaks: count(isLeak),
		refusalsExpected: count((c) => c.want !== 'served'),
		served: count((c) => c.want === 'served'),
		wrong: count((c) => c.problem !== null),
		/** How each expectation was answered: status (and where a redirect went) by count. */
		answers: cases.reduce<Record<string, Record<string, number>>>((acc, c) => {
			const key = c.got.location ? `${c.got.status} ${c.got.location.split('?')[0]}` : String(c.got.status);
			const row = (acc[c.want] ??= {});
			row[key] = (row[key] ?? 0) + 1;
			return acc;
		}, {}),
		/** Allowed posts that a form check turned back (400): the scope check was passed, the form was not. */
		postsTurnedBack: cases.filter((c) => c.want === 'served' && (c.got.status === 400 || c.got.status === 409) && c.who !== null).map((c) => `${c.handler.routeId} ${c.handler.name} as ${c.who} on ${c.target}: ${c.got.body.slice(0, 300)}`),
		failures: cases.filter((c) => c.problem !== null || isLeak(c)).map(describeCase)
	};
	mkdirSync(SUMMARY_DIR, { recursive: true });
	writeFileSync(join(SUMMARY_DIR, `${area}.json`), `${JSON.stringify(summary, null, 2)}\n`);
}

/**
 * The access matrix over every route whose id `includes` picks (SECURITY.md 1; issue 7 point 1): each
 * load, form action and endpoint, as every role and signed out, on the own school's record, the other
 * school's and the other service's. Expectations come from the policy row alone (expect.ts).
 */
export function describeMatrix(area: string, includes: (routeId: string) => boolean): void {
	const handlers = routeHandlers().filter((h) => includes(h.routeId));
	const all: MatrixCase[] = [];
	let close: () => Promise<void> = async () => undefined;
	let ctx: MatrixContext;

	beforeAll(async () => {
		({ close } = await useTestDatabase());
		const world = await seedWorld();
		const people = new MatrixPeople(world);
		await people.signInEveryone();
		ctx = { people, records: new MatrixRecords(world) };
	});
	afterAll(async () => {
		writeSummary(area, all);
		await close();
	});

	describe(`the access matrix: ${area}`, () => {
		it('has routes to visit', () => {
			expect(handlers.length).toBeGreaterThan(0);
		});

		for (const handler of handlers) {
			it(`${handler.routeId} ${handler.name} answers every role and record as '${handler.action}' allows, and never shows another school's pupil`, async () => {
				const cases = await runHandler(handler, ctx);
				all.push(...cases);
				expect(cases.filter((c) => c.problem !== null || isLeak(c)).map(describeCase)).toEqual([]);
			}, 300_000);
		}

		it('counts no leaks over the whole area', () => {
			expect(all.length).toBeGreaterThan(handlers.length);
			expect(all.filter(isLeak).map(describeCase)).toEqual([]);
		});
	});
}
