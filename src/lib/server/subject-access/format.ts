import { formatDateTime } from '$lib/format';
import { formatIsoDate } from '$lib/schemas/fields';
import type { Field } from './types';

/** Helpers that turn stored values into the export's text: blank values are left out. */
export const when = (at: Date | null | undefined): string => (at ? formatDateTime(at.toISOString()) : '');
export const day = (iso: string | null | undefined): string => (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatIsoDate(iso) : (iso ?? ''));
export const yesNo = (value: boolean | null | undefined): string => (value === null || value === undefined ? '' : value ? 'Yes' : 'No');

export function label(list: Record<string, string> | readonly { value: string; label: string }[], value: string | null | undefined): string {
	if (!value) return '';
	if (Array.isArray(list)) return (list as readonly { value: string; label: string }[]).find((o) => o.value === value)?.label ?? value;
	return (list as Record<string, string>)[value] ?? value;
}

/** Label/value pairs, without the ones that hold nothing. */
export function fields(pairs: [string, string | number | null | undefined][]): Field[] {
	return pairs.filter(([, v]) => v !== null && v !== undefined && String(v).trim() !== '').map(([label, value]) => ({ label, value: String(value) }));
}
