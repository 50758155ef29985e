import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROUTES_DIR, routeFiles } from '../helpers/routes';

/**
 * SECURITY.md 8: a form posted after the idle timeout is kept, and the person is back on it after
 * signing in again. That only happens when the page's load starts its form with `startingForm`
 * (src/lib/server/http/forms.ts), which gives the kept form back; a load that builds its form with
 * plain `superValidate` silently drops what was typed.
 *
 * Pages whose load may keep `superValidate`, each with the reason.
 */
const EXEMPT: Record<string, string> = {
	'(app)/admin/audit/+page.server.ts':
		'A GET filter form read from the address: it is never posted, so never kept, and after a timeout sign-in returns to the same address (its `next` keeps the query), filters and all',
	'(app)/admin/subject-access/+page.server.ts':
		'A GET search form read from the address, like the audit log’s filters: never posted, so never kept; after a timeout sign-in returns to the same address with its query',
	'(app)/referrals/[id]/check/+page.server.ts':
		'Nothing is typed here: the only field is the hidden version of the answers the page shows. After signing in again the page shows the answers as they are now, so its version must be the current one, not the one kept from before the timeout'
};

interface LoadForms {
	/** Calls of `superValidate` reached from the load (directly or through this module's own functions). */
	superValidate: number;
	/** Superforms ids (string literals) the load passes to `startingForm`. */
	startingIds: string[];
	startingForm: number;
	/** Superforms ids (string literals) the actions pass to `superValidate`. */
	actionIds: string[];
}

/** The local names a module gives to an import, e.g. `superValidate` from 'sveltekit-superforms'. */
function importedNames(source: ts.SourceFile, name: string, from: (module: string) => boolean): Set<string> {
	const names = new Set<string>();
	for (const statement of source.statements) {
		if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !from(statement.moduleSpecifier.text)) continue;
		const bindings = statement.importClause?.namedBindings;
		if (!bindings || !ts.isNamedImports(bindings)) continue;
		for (const element of bindings.elements) if ((element.propertyName ?? element.name).text === name) names.add(element.name.text);
	}
	return names;
}

function unwrap(node: ts.Expression | undefined): ts.Expression | undefined {
	while (node && (ts.isSatisfiesExpression(node) || ts.isAsExpression(node) || ts.isParenthesizedExpression(node))) node = node.expression;
	return node;
}

/** The string-literal `id` given in an options object among a call's arguments. */
function idOption(call: ts.CallExpression): string | null {
	for (const arg of call.arguments) {
		if (!ts.isObjectLiteralExpression(arg)) continue;
		for (const prop of arg.properties) {
			if (ts.isPropertyAssignment(prop) && ts.isIdentifier(prop.name) && prop.name.text === 'id' && ts.isStringLiteral(prop.initializer)) return prop.initializer.text;
		}
	}
	return null;
}

/** How a route module's load (and, for ids, its actions) builds forms. */
function formsOf(fileName: string, text: string): LoadForms {
	const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
	const superValidate = importedNames(source, 'superValidate', (m) => m === 'sveltekit-superforms' || m.startsWith('sveltekit-superforms/'));
	const startingForm = importedNames(source, 'startingForm', (m) => m.endsWith('/http/forms'));

	// This module's own functions, so that a load calling a local helper that calls superValidate is seen.
	const locals = new Map<string, ts.Node>();
	let load: ts.Node | undefined;
	let actions: ts.Node | undefined;
	for (const statement of source.statements) {
		if (ts.isFunctionDeclaration(statement) && statement.name) {
			locals.set(statement.name.text, statement);
			if (statement.name.text === 'load') load = statement;
		}
		if (ts.isVariableStatement(statement)) {
			for (const decl of statement.declarationList.declarations) {
				if (!ts.isIdentifier(decl.name)) continue;
				const init = unwrap(decl.initializer);
				if (!init) continue;
				if (decl.name.text === 'load') load = init;
				else if (decl.name.text === 'actions') actions = init;
				else if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) locals.set(decl.name.text, init);
			}
		}
	}

	const result: LoadForms = { superValidate: 0, startingIds: [], startingForm: 0, actionIds: [] };
	const visited = new Set<ts.Node>();
	const walkLoad = (node: ts.Node): void => {
		if (visited.has(node)) return;
		visited.add(node);
		if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
			const callee = node.expression.text;
			if (superValidate.has(callee)) result.superValidate += 1;
			if (startingForm.has(callee)) {
				result.startingForm += 1;
				const id = idOption(node);
				if (id) result.startingIds.push(id);
			}
			const local = locals.get(callee);
			if (local) walkLoad(local);
		}
		ts.forEachChild(node, walkLoad);
	};
	if (load) walkLoad(load);

	const walkActions = (node: ts.Node): void => {
		if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && superValidate.has(node.expression.text)) {
			const id = idOption(node);
			if (id) result.actionIds.push(id);
		}
		ts.forEachChild(node, walkActions);
	};
	if (actions) walkActions(actions);
	return result;
}

const appPages = routeFiles().filter((f) => f.startsWith('(app)/') && f.endsWith('/+page.server.ts'));
const read = (file: string) => formsOf(file, readFileSync(join(ROUTES_DIR, file), 'utf8'));

describe('kept forms on every signed-in page (SECURITY.md 8)', () => {
	it('finds the signed-in pages to check', () => {
		expect(appPages.length).toBeGreaterThan(10);
	});

	it('starts every form a load builds with startingForm, so a form kept after a timeout comes back', () => {
		const offenders = appPages.filter((file) => read(file).superValidate > 0 && !(file in EXEMPT));
		expect(offenders, `These loads build a form with superValidate: use startingForm(event, actor, adapter, initial) instead`).toEqual([]);
	});

	it('passes startingForm the same superforms id as the actions use', () => {
		const mismatched = appPages.filter((file) => {
			const forms = read(file);
			return forms.startingForm > 0 && forms.actionIds.some((id) => !forms.startingIds.includes(id));
		});
		expect(mismatched).toEqual([]);
	});

	it('has an exemption only for a page whose load still calls superValidate', () => {
		const stale = Object.keys(EXEMPT).filter((file) => !appPages.includes(file) || read(file).superValidate === 0);
		expect(stale, 'Remove these exemptions: the file is gone or no longer calls superValidate in its load').toEqual([]);
	});

	it('notices superValidate in a load, also through a local helper, and not in an action (the check itself works)', () => {
		const direct = `import { superValidate } from 'sveltekit-superforms';
			export const load = async (event) => ({ form: await superValidate(zod4(s)) });`;
		const helper = `import { superValidate as sv } from 'sveltekit-superforms';
			async function blank() { return sv(zod4(s)); }
			export const load = async (event) => { const actor = await guard(event, 'x'); return { form: await blank() }; };`;
		const good = `import { superValidate } from 'sveltekit-superforms';
			import { startingForm } from '$lib/server/http/forms';
			export const load = async (event) => { const actor = await guard(event, 'x'); return { form: await startingForm(event, actor, a, null, { id: 'p' }) }; };
			export const actions = { default: async (event) => { const form = await superValidate(event.request, a, { id: 'p' }); } };`;
		expect(formsOf('direct.ts', direct).superValidate).toBe(1);
		expect(formsOf('helper.ts', helper).superValidate).toBe(1);
		expect(formsOf('good.ts', good)).toMatchObject({ superValidate: 0, startingForm: 1, startingIds: ['p'], actionIds: ['p'] });
	});
});
