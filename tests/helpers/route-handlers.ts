import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { ROUTES_DIR, routeFiles, routeIdOf } from './routes';

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'fallback']);
const OPTIONS = new Set(['prerender', 'ssr', 'csr', 'trailingSlash', 'config']);

/** One load, form action or endpoint method that a route file exports. */
export interface Handler {
	file: string;
	/** `load`, `actions.<name>`, an HTTP method, or `unexpected export <name>`. */
	name: string;
	body: ts.Block | undefined;
}

/** A handler as the access matrix visits it: where it lives and the policy action its guard names. */
export interface RouteHandler {
	file: string;
	routeId: string;
	kind: 'page' | 'layout' | 'server';
	name: string;
	action: string | null;
}

function functionBody(node: ts.Node | undefined): ts.Block | undefined {
	if (!node) return undefined;
	if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.body && ts.isBlock(node.body)) {
		return node.body;
	}
	if (ts.isSatisfiesExpression(node) || ts.isAsExpression(node) || ts.isParenthesizedExpression(node)) return functionBody(node.expression);
	return undefined;
}

function actionHandlers(file: string, init: ts.ObjectLiteralExpression): Handler[] {
	return init.properties.map((prop) => {
		const propName = prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) ? prop.name.text : '?';
		const body = ts.isPropertyAssignment(prop) ? functionBody(prop.initializer) : ts.isMethodDeclaration(prop) ? functionBody(prop) : undefined;
		return { file, name: `actions.${propName}`, body };
	});
}

/** Every load, form action and endpoint handler a route file exports. */
export function handlersOf(file: string): Handler[] {
	const source = ts.createSourceFile(file, readFileSync(join(ROUTES_DIR, file), 'utf8'), ts.ScriptTarget.Latest, true);
	const handlers: Handler[] = [];
	for (const statement of source.statements) {
		const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
		if (!exported) continue;
		if (ts.isFunctionDeclaration(statement) && statement.name) handlers.push({ file, name: statement.name.text, body: statement.body });
		if (!ts.isVariableStatement(statement)) continue;
		for (const decl of statement.declarationList.declarations) {
			if (!ts.isIdentifier(decl.name)) continue;
			const name = decl.name.text;
			let init = decl.initializer;
			while (init && (ts.isSatisfiesExpression(init) || ts.isAsExpression(init))) init = init.expression;
			if (name === 'actions' && init && ts.isObjectLiteralExpression(init)) handlers.push(...actionHandlers(file, init));
			else if (name === 'load' || HTTP_METHODS.has(name)) handlers.push({ file, name, body: functionBody(init) });
			else if (!OPTIONS.has(name)) handlers.push({ file, name: `unexpected export ${name}`, body: undefined });
		}
	}
	return handlers;
}

/** The action named by `await guard(event, '…')` as the first statement, or null. */
export function firstGuardAction(body: ts.Block | undefined): string | null {
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

/** Route files that hold loads, actions or endpoints. */
export const serverFiles = (): string[] => routeFiles().filter((f) => /\+(page|layout)\.server\.ts$|\+server\.ts$/.test(f));

/** Every handler under src/routes, with its route id and guarded action: what the access matrix visits. */
export function routeHandlers(): RouteHandler[] {
	return serverFiles().flatMap((file) => {
		const kind = file.endsWith('+server.ts') ? 'server' : file.endsWith('+layout.server.ts') ? 'layout' : 'page';
		return handlersOf(file).map((h) => ({ file, routeId: routeIdOf(file), kind, name: h.name, action: firstGuardAction(h.body) }) satisfies RouteHandler);
	});
}
