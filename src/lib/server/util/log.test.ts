import { DrizzleQueryError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { errorSummary, stackFrames } from './log';

describe('what errors put in the log', () => {
	it('keeps a failed query’s database message but not its SQL parameters', () => {
		const error = new DrizzleQueryError('insert into "referral" ("display_name") values (?)', ['Zoë Pupil'], new Error('SQLITE_CONSTRAINT: NOT NULL'));
		expect(errorSummary(error)).toBe('database: SQLITE_CONSTRAINT: NOT NULL');
		expect(stackFrames(error) ?? '').not.toContain('Zoë');
	});

	it('drops the message line from the stack, keeping the frames', () => {
		const frames = stackFrames(new Error('about Zoë Pupil'));
		expect(frames).toMatch(/^\s*at /);
		expect(frames).not.toContain('Zoë');
	});
});
