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

export type DateCheck = { ok: true; iso: string } | { ok: false; message: string } | { ok: 'empty' };

/** Reads a GOV.UK date input; says which part is wrong in the GOV.UK wording. */
export function readDate(label: string, day: string, month: string, year: string): DateCheck {
	if (!day && !month && !year) return { ok: 'empty' };
	const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean);
	if (missing.length) return { ok: false, message: `${label} must include a ${missing.join(' and ')}` };
	if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
		return { ok: false, message: `${label} must be a real date` };
	}
	const d = Number(day);
	const m = Number(month);
	const y = Number(year);
	const date = new Date(Date.UTC(y, m - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
		return { ok: false, message: `${label} must be a real date` };
	}
	return { ok: true, iso: `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** Today's date in London as YYYY-MM-DD, for "must be in the past" checks. */
export function todayIso(now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}
