import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pastLimit } from './limits';

describe('past a limit', () => {
	const schema = z.object({ name: z.string().trim().max(5).default(''), tags: z.array(z.string().max(3)).max(2).default([]), day: z.string().min(1) });

	it('finds text past its maximum, even in a form that is otherwise not valid', () => {
		expect(pastLimit(schema, { name: 'sixsix', day: '' })).toBe(true);
		expect(pastLimit(schema, { tags: ['a', 'b', 'c'] })).toBe(true);
		expect(pastLimit(schema, { tags: ['long'] })).toBe(true);
	});

	it('lets through a draft that is only incomplete', () => {
		expect(pastLimit(schema, { name: '  five ', day: '' })).toBe(false);
		expect(pastLimit(schema, {})).toBe(false);
	});
});
