import { MODULES_MAX } from '$lib/schemas/admin-settings';
import type { ModuleDraft } from './modules';

/**
 * The module form works without JavaScript: each button posts an intent (save, add another, remove a
 * row, move a row up or down) and the rows come back rearranged until "Save" stores them as a new set.
 */
export type ModuleEdit = { kind: 'save' } | { kind: 'add' } | { kind: 'remove' | 'up' | 'down'; index: number };

export function parseModuleEdit(intent: unknown): ModuleEdit {
	if (intent === 'add') return { kind: 'add' };
	const match = typeof intent === 'string' ? /^(remove|up|down):(\d{1,2})$/.exec(intent) : null;
	if (match?.[1] === 'remove' || match?.[1] === 'up' || match?.[1] === 'down') return { kind: match[1], index: Number(match[2]) };
	return { kind: 'save' };
}

export function applyModuleEdit(rows: ModuleDraft[], edit: ModuleEdit): ModuleDraft[] {
	const next = [...rows];
	if (edit.kind === 'add') {
		if (next.length < MODULES_MAX) next.push({ title: '', core: false });
	} else if (edit.kind === 'remove') {
		if (edit.index < next.length) next.splice(edit.index, 1);
	} else if (edit.kind === 'up' || edit.kind === 'down') {
		const other = edit.kind === 'up' ? edit.index - 1 : edit.index + 1;
		const a = next[edit.index];
		const b = next[other];
		if (a && b) [next[edit.index], next[other]] = [b, a];
	}
	return next;
}

/** Form fields → rows: titles in order, and the row numbers ticked as core. */
export function rowsFromForm(titles: string[], core: string[]): ModuleDraft[] {
	return titles.map((title, i) => ({ title, core: core.includes(String(i)) }));
}

export function formFromRows(rows: ModuleDraft[]): { titles: string[]; core: string[] } {
	return { titles: rows.map((row) => row.title), core: rows.flatMap((row, i) => (row.core ? [String(i)] : [])) };
}
