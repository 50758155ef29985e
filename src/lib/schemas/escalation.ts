import { z } from 'zod';
import { valuesOf } from '$lib/codes';
import { ESCALATION_AGENCY_VALUES } from '$lib/escalation-agencies';
import { choice, dateParts, optional, readDate } from './fields';

/** How an escalation was made (DOMAIN.md §3 step 4). */
export const ESCALATION_METHODS = [
	{ value: 'phone', label: 'Phone' },
	{ value: 'secure_email', label: 'Secure email' },
	{ value: 'online_portal', label: 'Online portal' },
	{ value: 'in_person', label: 'In person' },
	{ value: 'letter', label: 'Letter' }
] as const;
export const ESCALATION_METHOD_VALUES = valuesOf(ESCALATION_METHODS);

/** The lawful basis for sharing, recorded with each escalation (DOMAIN.md §7). */
export const LAWFUL_BASES = [
	{ value: 'consent', label: 'Consent', hint: 'The young person, or a parent or carer, agreed to the information being shared.' },
	{
		value: 'safeguarding',
		label: 'Safeguarding without consent',
		hint: 'The child is at risk: sharing to protect them does not wait for consent.'
	}
] as const;

const YES_NO = ['yes', 'no'] as const;
const TIME = /^([01]?\d|2[0-3]):[0-5]\d$/;

/** The date-and-time pairs on the forms: a GOV.UK date input plus a 24-hour time. */
export const WHEN_FIELDS = {
	sent: 'Time sent',
	written: 'Time the written referral was sent',
	acknowledged: 'Time acknowledged',
	decision: 'Time of the decision'
} as const;
export type WhenPrefix = keyof typeof WHEN_FIELDS;

const when = <P extends WhenPrefix>(prefix: P) => ({ ...dateParts(prefix), [`${prefix}Time`]: optional(5, 'Time') }) as ReturnType<typeof dateParts<P>> & { [K in `${P}Time`]: z.ZodDefault<z.ZodString> };

export type WhenCheck = { ok: true; iso: string; time: string } | { ok: 'empty' } | { ok: false; field: string; message: string };

/** Reads one date-and-time pair; says which part is wrong in the GOV.UK wording. */
export function readWhen(prefix: WhenPrefix, v: Record<string, unknown>): WhenCheck {
	const part = (name: string) => String(v[`${prefix}${name}`] ?? '').trim();
	const label = WHEN_FIELDS[prefix];
	const date = readDate(label, part('Day'), part('Month'), part('Year'));
	const time = part('Time');
	if (date.ok === 'empty' && !time) return { ok: 'empty' };
	if (date.ok === 'empty') return { ok: false, field: `${prefix}Day`, message: `Enter the date for “${label.toLowerCase()}”` };
	if (date.ok === false) return { ok: false, field: `${prefix}Day`, message: date.message };
	if (!time) return { ok: false, field: `${prefix}Time`, message: `Enter the time for “${label.toLowerCase()}”, like 14:30` };
	if (!TIME.test(time)) return { ok: false, field: `${prefix}Time`, message: 'Enter the time in 24-hour format, like 14:30' };
	return { ok: true, iso: date.iso, time };
}

function checkWhens(prefixes: readonly WhenPrefix[]) {
	return (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
		for (const prefix of prefixes) {
			const read = readWhen(prefix, v);
			if (read.ok === false) ctx.addIssue({ code: 'custom', path: [read.field], message: read.message });
		}
	};
}

/** A new escalation: to whom, and whether (and how, when, on what basis) it has been made. */
export const newEscalationSchema = z
	.object({
		agency: choice(ESCALATION_AGENCY_VALUES),
		made: choice(YES_NO),
		method: choice(ESCALATION_METHOD_VALUES),
		...when('sent'),
		reference: optional(100, 'Reference'),
		lawfulBasis: choice(valuesOf(LAWFUL_BASES)),
		note: optional(2000, 'Note')
	})
	.superRefine((v, ctx) => {
		const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
		if (!v.agency) need('agency', 'Select who the escalation is to');
		if (!v.made) need('made', 'Select yes if the escalation has been made');
		if (v.made === 'yes') {
			if (!v.method) need('method', 'Select how it was made');
			if (readWhen('sent', v).ok === 'empty') need('sentDay', 'Enter the date and time it was made');
			if (!v.lawfulBasis) need('lawfulBasis', 'Select the lawful basis for sharing');
		}
		checkWhens(['sent'])(v, ctx);
	});

/**
 * Progress on an escalation. The agency, method and time sent of one already made are not on the
 * form (they are fixed); for one not made yet, `made` and the sending details are.
 */
export const escalationUpdateSchema = z
	.object({
		version: z.number().int().min(1, 'Reload the page and make your changes again'),
		made: choice(YES_NO),
		method: choice(ESCALATION_METHOD_VALUES),
		...when('sent'),
		reference: optional(100, 'Reference'),
		lawfulBasis: choice(valuesOf(LAWFUL_BASES)),
		...when('written'),
		...when('acknowledged'),
		decision: optional(500, 'Decision'),
		...when('decision'),
		outcome: optional(2000, 'Outcome'),
		nextAction: optional(1000, 'Next action'),
		close: choice(YES_NO),
		note: optional(2000, 'Note')
	})
	.superRefine((v, ctx) => {
		const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
		if (v.made === 'yes') {
			if (!v.method) need('method', 'Select how it was made');
			if (readWhen('sent', v).ok === 'empty') need('sentDay', 'Enter the date and time it was made');
			if (!v.lawfulBasis) need('lawfulBasis', 'Select the lawful basis for sharing');
		}
		if (v.decision && readWhen('decision', v).ok === 'empty') need('decisionDay', 'Enter the date and time of the decision');
		if (!v.decision && readWhen('decision', v).ok === true) need('decision', 'Enter the decision');
		if (v.close === 'yes' && !v.outcome) need('outcome', 'Enter the outcome before closing the escalation');
		checkWhens(['sent', 'written', 'acknowledged', 'decision'])(v, ctx);
	});

export const withdrawEscalationSchema = z.object({
	version: z.number().int().min(1, 'Reload the page and make your changes again'),
	reason: z.string().trim().min(1, 'Enter why the escalation is withdrawn').max(2000, 'The reason must be 2,000 characters or fewer')
});

export type NewEscalationInput = z.infer<typeof newEscalationSchema>;
export type EscalationUpdateInput = z.infer<typeof escalationUpdateSchema>;
