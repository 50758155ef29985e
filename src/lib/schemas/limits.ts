import type { z } from 'zod';

/**
 * Whether any text (or list) in the data is past its schema's maximum. A draft keeps what was typed
 * even when it is not valid yet, but never more than a field may hold (SECURITY.md 13).
 */
export function pastLimit(schema: z.ZodType, data: unknown): boolean {
	const result = schema.safeParse(data);
	return !result.success && result.error.issues.some((issue) => issue.code === 'too_big' && (issue.origin === 'string' || issue.origin === 'array'));
}
