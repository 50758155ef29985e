import { describe, expect, it } from 'vitest';
import { isBusy, retryWhileBusy } from './busy';

const busy = (code = 'SQLITE_BUSY') => Object.assign(new Error(`${code}: database is locked`), { code });
const quick = { budgetMs: 1000, pausesMs: [1, 2] };

describe('SQLITE_BUSY', () => {
	it('is recognised by its code, extended codes and as the cause of a query error', () => {
		expect(isBusy(busy())).toBe(true);
		expect(isBusy(busy('SQLITE_BUSY_SNAPSHOT'))).toBe(true);
		expect(isBusy(new Error('Failed query', { cause: busy() }))).toBe(true);
		expect(isBusy(busy('SQLITE_CONSTRAINT'))).toBe(false);
		expect(isBusy(new Error('SQLITE_BUSY in the message only'))).toBe(false);
		expect(isBusy(undefined)).toBe(false);
	});

	it('is tried again, recovering the connection before each new attempt', async () => {
		const calls: string[] = [];
		let attempts = 0;
		const result = await retryWhileBusy(
			async () => {
				calls.push('attempt');
				if (++attempts < 3) throw busy();
				return 'written';
			},
			async () => void calls.push('recover'),
			quick
		);
		expect(result).toBe('written');
		expect(calls).toEqual(['attempt', 'recover', 'attempt', 'recover', 'attempt']);
	});

	it('passes any other error on at once, without trying again', async () => {
		let attempts = 0;
		let recovered = 0;
		const failing = retryWhileBusy(
			async () => {
				attempts++;
				throw busy('SQLITE_CONSTRAINT');
			},
			async () => void recovered++,
			quick
		);
		await expect(failing).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
		expect([attempts, recovered]).toEqual([1, 0]);
	});

	it('gives up with the SQLITE_BUSY once the budget is spent, leaving the connection recovered', async () => {
		let attempts = 0;
		let recovered = 0;
		const started = Date.now();
		const failing = retryWhileBusy(
			async () => {
				attempts++;
				throw busy();
			},
			async () => void recovered++,
			{ budgetMs: 60, pausesMs: [10] }
		);
		await expect(failing).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
		expect(Date.now() - started).toBeLessThan(1000);
		expect(attempts).toBeGreaterThan(1);
		expect(recovered).toBe(attempts);
	});
});
