import { describe, expect, it } from 'vitest';
import { applyModuleEdit, formFromRows, parseModuleEdit, rowsFromForm } from './module-rows';

const rows = [
	{ title: 'A', core: true },
	{ title: 'B', core: false },
	{ title: 'C', core: true }
];

describe('editing the module list without JavaScript', () => {
	it('reads the button that was pressed, and saves when it is anything else', () => {
		expect(parseModuleEdit('add')).toEqual({ kind: 'add' });
		expect(parseModuleEdit('up:2')).toEqual({ kind: 'up', index: 2 });
		expect(parseModuleEdit('remove:0')).toEqual({ kind: 'remove', index: 0 });
		expect(parseModuleEdit('save')).toEqual({ kind: 'save' });
		expect(parseModuleEdit('drop:1')).toEqual({ kind: 'save' });
		expect(parseModuleEdit(null)).toEqual({ kind: 'save' });
	});

	it('adds a blank optional module at the end', () => {
		expect(applyModuleEdit(rows, { kind: 'add' }).at(-1)).toEqual({ title: '', core: false });
	});

	it('moves a module up or down, and ignores a move off either end', () => {
		expect(applyModuleEdit(rows, { kind: 'up', index: 1 }).map((r) => r.title)).toEqual(['B', 'A', 'C']);
		expect(applyModuleEdit(rows, { kind: 'down', index: 1 }).map((r) => r.title)).toEqual(['A', 'C', 'B']);
		expect(applyModuleEdit(rows, { kind: 'up', index: 0 }).map((r) => r.title)).toEqual(['A', 'B', 'C']);
		expect(applyModuleEdit(rows, { kind: 'down', index: 2 }).map((r) => r.title)).toEqual(['A', 'B', 'C']);
	});

	it('removes one module and leaves the list it was given alone', () => {
		expect(applyModuleEdit(rows, { kind: 'remove', index: 1 }).map((r) => r.title)).toEqual(['A', 'C']);
		expect(rows).toHaveLength(3);
	});

	it('carries the core flags through the form by row number', () => {
		expect(formFromRows(rows)).toEqual({ titles: ['A', 'B', 'C'], core: ['0', '2'] });
		expect(rowsFromForm(['A', 'B', 'C'], ['0', '2'])).toEqual(rows);
	});
});
