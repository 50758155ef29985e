import { z } from 'zod';
import { SCHOOL_DECISIONS, valuesOf } from '$lib/codes';
import { choice, dateParts, optional, readDate, todayIso } from '../fields';

const days = (value: string) => (/^\d{1,2}$/.test(value) ? Number(value) : null);

/** The headteacher's decision (DOMAIN.md §3 step 2). The DfE reason code is always DA. */
export const decisionSchema = z
	.object({
		decision: choice(valuesOf(SCHOOL_DECISIONS)),
		wouldBeDays: optional(2, 'Days'),
		actualDays: optional(2, 'Days'),
		decidedBy: optional(150, 'Who decided'),
		...dateParts('decided')
	})
	.superRefine((v, ctx) => {
		const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
		if (!v.decision) need('decision', 'Select the headteacher’s decision');
		if (v.decision === 'instead_of_suspension' || v.decision === 'alongside_suspension') {
			const wouldBe = days(v.wouldBeDays);
			if (wouldBe === null || wouldBe < 1 || wouldBe > 45) need('wouldBeDays', 'Enter the days of suspension that would have applied, from 1 to 45');
			if (v.decision === 'alongside_suspension') {
				const actual = days(v.actualDays);
				if (actual === null || actual < 1) need('actualDays', 'Enter the days of the shorter suspension, 1 or more');
				else if (wouldBe !== null && actual >= wouldBe) need('actualDays', 'The shorter suspension must be fewer days than the suspension that would have applied');
			}
		}
		if (!v.decidedBy) need('decidedBy', 'Enter who made the decision, like “Headteacher, J. Smith”');
		const date = readDate('Date of the decision', String(v.decidedDay), String(v.decidedMonth), String(v.decidedYear));
		if (date.ok === 'empty') need('decidedDay', 'Enter the date of the decision');
		else if (date.ok === false) need('decidedDay', date.message);
		else if (date.iso > todayIso()) need('decidedDay', 'Date of the decision must be today or in the past');
	});

export type DecisionAnswers = z.infer<typeof decisionSchema>;
