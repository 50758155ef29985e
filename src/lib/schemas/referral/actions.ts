import { z } from 'zod';

export const reasonSchema = z.object({
	reason: z.string().trim().min(1, 'Enter the reason').max(2000, 'The reason must be 2,000 characters or fewer'),
	version: z.number().int().min(0)
});

export const submitSchema = z.object({
	version: z.number().int().min(0)
});
