import { DrizzleQueryError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { backoffMs, errorCode, errorSummary } from './retry';

const MINUTE = 60_000;

describe('backoff', () => {
	it('waits a minute after the first failure and doubles the wait after each one', () => {
		expect([1, 2, 3, 4, 5].map(backoffMs)).toEqual([1, 2, 4, 8, 16].map((m) => m * MINUTE));
	});

	it('never waits more than six hours', () => {
		expect(backoffMs(9)).toBe(256 * MINUTE);
		expect(backoffMs(10)).toBe(6 * 60 * MINUTE);
		expect(backoffMs(40)).toBe(6 * 60 * MINUTE);
	});
});

describe('the error kept on a row', () => {
	it('keeps the message on one line, at most 500 characters', () => {
		const summary = errorSummary(new Error(`line one\nline two ${'x'.repeat(1000)}`));
		expect(summary.startsWith('line one line two x')).toBe(true);
		expect(summary).toHaveLength(500);
	});

	it('drops the SQL and parameters of a failed query, keeping the database\'s own message', () => {
		const failed = new DrizzleQueryError('insert into pupil (name) values (?)', ['Zoë Example'], new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed'));
		const summary = errorSummary(failed);
		expect(summary).toBe('database: SQLITE_CONSTRAINT: UNIQUE constraint failed');
		expect(summary).not.toContain('Zoë');
	});

	it('logs only a short machine code', () => {
		expect(errorCode(Object.assign(new Error('x'), { code: 'ECONNECTION' }))).toBe('ECONNECTION');
		expect(errorCode(new Error('x'))).toBeUndefined();
		expect(errorCode('text')).toBeUndefined();
	});
});
