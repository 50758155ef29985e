import { z } from 'zod';
import { checkDateFields, dateParts, optional } from './fields';
import { REASON_MAX } from './triage';

/** Forms of the retention pages (DOMAIN.md §7). Every reason is stored as typed, in the chronology. */
const version = z.number().int().min(1, 'Reload the page and try again').max(1_000_000_000);
const reason = (missing: string) =>
	z.string().trim().min(1, missing).max(REASON_MAX, `The reason must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer`).default('');

export const legalHoldSchema = z.object({ version, reason: reason('Enter the reason') });

export const extendReviewSchema = z
	.object({ version, ...dateParts('reviewOn'), reason: reason('Enter why the record is kept longer') })
	.superRefine((v, ctx) => {
		checkDateFields(v, 'reviewOn', 'new review date', ctx);
	});

export const deleteRecordSchema = z.object({ version });

/** Finding a young person for a subject access request: by name and date of birth, or by a reference. */
export const subjectSearchSchema = z
	.object({
		name: optional(100, 'The name'),
		...dateParts('dob'),
		reference: optional(40, 'The reference')
	})
	.superRefine((v, ctx) => {
		const dobGiven = [v.dobDay, v.dobMonth, v.dobYear].some((p) => p.trim() !== '');
		if (dobGiven) checkDateFields(v, 'dob', 'date of birth', ctx, true);
		if (!v.reference && !v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'Enter a name, or a reference' });
	});

export type ExtendReviewInput = z.infer<typeof extendReviewSchema>;
export type SubjectSearchInput = z.infer<typeof subjectSearchSchema>;
