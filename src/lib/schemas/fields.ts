import { z } from 'zod';

/** Field builders shared by form schemas. Every string has a maximum length (SECURITY.md 13). */
export const text = (max: number, label: string) => z.string().trim().max(max, `${label} must be ${max} characters or fewer`);
export const required = (max: number, label: string, missing: string) => text(max, label).min(1, missing);
export const optional = (max: number, label: string) => text(max, label).default('');
/** A radio answer: '' until chosen, so the form can hold a half-filled draft. */
export const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(['', ...values] as unknown as ['', ...T]).default('');

/** Day, month and year as three fields (the GOV.UK date input pattern). */
export function dateParts<P extends string>(prefix: P) {
	return {
		[`${prefix}Day`]: z.string().trim().max(2, 'Day must be 2 digits or fewer').default(''),
		[`${prefix}Month`]: z.string().trim().max(2, 'Month must be 2 digits or fewer').default(''),
		[`${prefix}Year`]: z.string().trim().max(4, 'Year must be 4 digits').default('')
	} as { [K in `${P}Day` | `${P}Month` | `${P}Year`]: z.ZodDefault<z.ZodString> };
}

// GOV.UK date input: three text fields named `${name}Day`, `${name}Month`, `${name}Year`.
export const DATE_PART_MAX = 10;
const DATE_PARTS = ['Day', 'Month', 'Year'] as const;
export type DatePartField<N extends string> = `${N}${(typeof DATE_PARTS)[number]}`;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function capitalise(text: string): string {
	return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}

export type DateCheck = { ok: true; iso: string } | { ok: false; empty: boolean; part: (typeof DATE_PARTS)[number]; message: string };

/** Reads a typed day, month and year as an ISO date, or says what is wrong in the GOV.UK words. */
export function checkDate(day: string, month: string, year: string, label: string): DateCheck {
	const parts = { Day: day.trim(), Month: month.trim(), Year: year.trim() };
	const missing = DATE_PARTS.filter((p) => parts[p] === '');
	const [firstMissing] = missing;
	if (missing.length === 3) return { ok: false, empty: true, part: 'Day', message: `Enter the ${label}` };
	if (firstMissing) return { ok: false, empty: false, part: firstMissing, message: `${capitalise(label)} must include a ${missing.map((p) => p.toLowerCase()).join(' and ')}` };
	const real = { ok: false as const, empty: false, part: 'Day' as const, message: `${capitalise(label)} must be a real date` };
	if (!/^\d{1,2}$/.test(parts.Day) || !/^\d{1,2}$/.test(parts.Month) || !/^\d+$/.test(parts.Year)) return real;
	if (!/^\d{4}$/.test(parts.Year)) return { ok: false, empty: false, part: 'Year', message: `${capitalise(label)}: the year must have 4 numbers, like 2026` };
	const [d, m, y] = [Number(parts.Day), Number(parts.Month), Number(parts.Year)];
	const date = new Date(Date.UTC(y, m - 1, d));
	if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return real;
	return { ok: true, iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** Checks one date input inside a form schema; adds the issue at the field to go to, returns the ISO date. */
export function checkDateFields(values: Record<string, unknown>, name: string, label: string, ctx: z.RefinementCtx, optional = false): string | null {
	const read = (p: string) => String(values[`${name}${p}`] ?? '');
	const result = checkDate(read('Day'), read('Month'), read('Year'), label);
	if (result.ok) return result.iso;
	if (!(optional && result.empty)) ctx.addIssue({ code: 'custom', path: [`${name}${result.part}`], message: result.message });
	return null;
}

/** "2026-09-03" → "3 September 2026", without time zones getting involved. */
export function formatIsoDate(iso: string): string {
	const [y, m, d] = iso.split('-').map(Number);
	return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** A date input read for a section schema: the ISO date, 'empty', or the GOV.UK message. */
export type DateReading = { ok: true; iso: string } | { ok: false; message: string } | { ok: 'empty' };

export function readDate(label: string, day: string, month: string, year: string): DateReading {
	const result = checkDate(day, month, year, label);
	if (result.ok) return result;
	return result.empty ? { ok: 'empty' } : { ok: false, message: result.message };
}

/** Today's date in London as YYYY-MM-DD, for "must be in the past" checks. */
export function todayIso(now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}
