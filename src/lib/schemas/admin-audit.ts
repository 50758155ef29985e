import { z } from 'zod';
import { checkDate, checkDateFields, DATE_PART_MAX } from './admin-settings';

const part = z.string().max(DATE_PART_MAX, 'Enter a real date');

/**
 * The audit log's filter, read from the query string. Actions and users come from selects, so anything
 * that is not a code or an id is refused rather than searched for.
 */
export const auditFilterSchema = z
	.object({
		action: z.string().trim().max(80, 'Select an action from the list').regex(/^[a-z0-9._-]*$/, 'Select an action from the list'),
		user: z.string().trim().max(40, 'Select a user from the list').regex(/^[a-z0-9]*$/, 'Select a user from the list'),
		record: z.string().trim().max(100, 'Record id must be 100 characters or fewer'),
		fromDay: part,
		fromMonth: part,
		fromYear: part,
		toDay: part,
		toMonth: part,
		toYear: part,
		before: z.string().max(20).regex(/^\d*$/, 'Start again from the newest entries')
	})
	.superRefine((v, ctx) => {
		const from = checkDateFields(v, 'from', 'date to search from', ctx, true);
		const to = checkDateFields(v, 'to', 'date to search to', ctx, true);
		if (from && to && to < from) ctx.addIssue({ code: 'custom', path: ['toDay'], message: 'The date to search to must be the same as or after the date to search from' });
	});

export type AuditFilterForm = z.infer<typeof auditFilterSchema>;

const FILTER_FIELDS = ['action', 'user', 'record', 'fromDay', 'fromMonth', 'fromYear', 'toDay', 'toMonth', 'toYear'] as const;

/** The filter as the domain takes it: ISO dates, null where not given. */
export function auditFilterInput(data: AuditFilterForm) {
	const date = (name: 'from' | 'to') => {
		const result = checkDate(data[`${name}Day`], data[`${name}Month`], data[`${name}Year`], name);
		return result.ok ? result.iso : null;
	};
	return { action: data.action, userId: data.user, recordId: data.record, from: date('from'), to: date('to'), before: data.before ? Number(data.before) : null };
}

/** The filter's query string, without the page position, for the next page and the export links. */
export function auditFilterQuery(data: AuditFilterForm): URLSearchParams {
	const params = new URLSearchParams();
	for (const field of FILTER_FIELDS) if (data[field]) params.set(field, data[field]);
	return params;
}
