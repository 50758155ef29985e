import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { POLICY } from '$lib/server/auth/policy';
import { ROUTES_DIR, routeFiles } from '../helpers/routes';

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'fallback']);

interface Handler {
	file: string;
	name: string;
	body: ts.Block | undefined;
}

function functionBody(node: ts.Node | undefined): ts.Block | undefined {
	if (!node) return undefined;
	if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.body && ts.isBlock(node.body)) {
		return node.body;
	}
	if (ts.isSatisfiesExpression(node) || ts.isAsExpression(node) || ts.isParenthesizedExpression(node)) return functionBody(node.expression);
	return undefined;
}

/** Every load, form action and endpoint handler a route file exports. */
function handlersOf(file: string): Handler[] {
	const source = ts.createSourceFile(file, readFileSync(join(ROUTES_DIR, file), 'utf8'), ts.ScriptTarget.Latest, true);
	const handlers: Handler[] = [];
	for (const statement of source.statements) {
		const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
		if (!exported) continue;
		if (ts.isFunctionDeclaration(statement) && statement.name) {
			handlers.push({ file, name: statement.name.text, body: statement.body });
		}
		if (ts.isVariableStatement(statement)) {
			for (const decl of statement.declarationList.declarations) {
				if (!ts.isIdentifier(decl.name)) continue;
				const name = decl.name.text;
				let init = decl.initializer;
				while (init && (ts.isSatisfiesExpression(init) || ts.isAsExpression(init))) init = init.expression;
				if (name === 'actions' && init && ts.isObjectLiteralExpression(init)) {
					for (const prop of init.properties) {
						const propName = prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) ? prop.name.text : '?';
						const body = ts.isPropertyAssignment(prop) ? functionBody(prop.initializer) : ts.isMethodDeclaration(prop) ? functionBody(prop) : undefined;
						handlers.push({ file, name: `actions.${propName}`, body });
					}
				} else if (name === 'load' || HTTP_METHODS.has(name)) {
					handlers.push({ file, name, body: functionBody(init) });
				} else if (name !== 'prerender' && name !== 'ssr' && name !== 'csr' && name !== 'trailingSlash' && name !== 'config') {
					handlers.push({ file, name: `unexpected export ${name}`, body: undefined });
				}
			}
		}
	}
	return handlers;
}

/** The action named by `await guard(event, '…')` as the first statement, or null. */
function firstGuardAction(body: ts.Block | undefined): string | null {
	const first = body?.statements[0];
	if (!first) return null;
	let expression: ts.Expression | undefined;
	if (ts.isExpressionStatement(first)) expression = first.expression;
	if (ts.isVariableStatement(first)) expression = first.declarationList.declarations[0]?.initializer;
	if (!expression || !ts.isAwaitExpression(expression)) return null;
	const call = expression.expression;
	if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'guard') return null;
	const action = call.arguments[1];
	return action && ts.isStringLiteral(action) ? action.text : null;
}

const serverFiles = routeFiles().filter((f) => /\+(page|layout)\.server\.ts$|\+server\.ts$/.test(f));

describe('the guard on every route', () => {
	it('finds route files to check', () => {
		expect(serverFiles.length).toBeGreaterThan(5);
	});

	it.each(serverFiles)('%s calls the guard first, with an action from the policy table, in every handler', (file) => {
		const handlers = handlersOf(file);
		expect(handlers.length, `${file} exports no load, action or handler`).toBeGreaterThan(0);
		for (const handler of handlers) {
			const action = firstGuardAction(handler.body);
			expect(action, `${file} ${handler.name}: the first statement must be await guard(event, '<action>')`).not.toBeNull();
			expect(Object.hasOwn(POLICY, action as string), `${file} ${handler.name}: '${action}' is not in the policy table`).toBe(true);
		}
	});

	it('has a server load with a guard for every page, and no universal loads that could skip it', () => {
		const files = routeFiles();
		const problems: string[] = [];
		for (const file of files) {
			if (/\+(page|layout)\.(ts|js)$/.test(file)) problems.push(`${file}: universal load`);
			if (file.endsWith('+page.svelte')) {
				const server = file.replace('+page.svelte', '+page.server.ts');
				if (!files.includes(server)) problems.push(`${file}: no +page.server.ts, so no guard`);
				else if (!handlersOf(server).some((h) => h.name === 'load')) problems.push(`${server}: no load`);
			}
		}
		expect(problems).toEqual([]);
	});

	it('notices a handler without a guard (the check itself works)', () => {
		const body = ts.createSourceFile('x.ts', 'async function load(event) { const x = 1; await guard(event, "app.home"); }', ts.ScriptTarget.Latest, true)
			.statements[0] as ts.FunctionDeclaration;
		expect(firstGuardAction(body.body)).toBeNull();
	});
});
