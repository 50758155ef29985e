import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { POLICY } from '$lib/server/auth/policy';
import { firstGuardAction, handlersOf, serverFiles as routeServerFiles } from '../helpers/route-handlers';
import { routeFiles } from '../helpers/routes';

const serverFiles = routeServerFiles();

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
