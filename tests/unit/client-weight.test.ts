import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Issue 8: the sign-in page, the referral form and the governor report load at most 50 KB of
 * JavaScript each. What keeps them there: their browser code imports no zod (a schema is 20 KB and
 * more), no superforms client (12 KB) and no schema module (they build zod schemas when they load);
 * the server validates and sends the page plain data. This follows each page's imports, as the
 * bundler would, from the page and from the code every page loads (the client hook, the root layout).
 * `npm run js-size` measures the built pages themselves.
 */
const ROOT = process.cwd();
const SRC = join(ROOT, 'src');
const SECTIONS = join(SRC, 'routes', '(app)', 'referrals', '[id]', 'section');

const EVERY_PAGE = [join(SRC, 'hooks.client.ts'), join(SRC, 'routes', '+layout.svelte')];
const BUDGETED_PAGES = [
	join(SRC, 'routes', '(public)', 'sign-in', '+page.svelte'),
	join(SRC, 'routes', '(app)', 'reports', 'school', '[schoolId]', '+page.svelte'),
	...readdirSync(SECTIONS, { withFileTypes: true })
		.filter((e) => e.isDirectory())
		.map((e) => join(SECTIONS, e.name, '+page.svelte'))
];

/** What the browser must not load for these pages, and why. */
function forbidden(specifier: string, file: string | null): string | null {
	if (/^zod(\/|$)/.test(specifier)) return 'zod';
	if (/^sveltekit-superforms(\/|$)/.test(specifier)) return 'superforms';
	if (file?.startsWith(join(SRC, 'lib', 'schemas'))) return 'a schema module (it builds zod schemas as it loads)';
	return null;
}

/** The module specifiers a file imports for its values (type-only imports vanish from the bundle). */
function valueImports(file: string): string[] {
	let text = readFileSync(file, 'utf8');
	if (file.endsWith('.svelte')) text = [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
	const out: string[] = [];
	for (const statement of source.statements) {
		if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
		if (ts.isImportDeclaration(statement)) {
			const clause = statement.importClause;
			if (clause?.isTypeOnly) continue;
			const named = clause?.namedBindings;
			const onlyTypes = clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
			if (onlyTypes) continue;
		} else if (statement.isTypeOnly) {
			continue;
		}
		out.push(statement.moduleSpecifier.text);
	}
	return out;
}

/** The source file an import names, or null for a package or a SvelteKit module. */
function resolveImport(specifier: string, from: string): string | null {
	let base: string;
	if (specifier.startsWith('$lib/')) base = join(SRC, 'lib', specifier.slice(5));
	else if (specifier.startsWith('.')) base = resolve(dirname(from), specifier);
	else return null;
	const found = [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts')].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
	if (found) return found;
	throw new Error(`${relative(ROOT, from)}: cannot resolve ${specifier}`);
}

/** Each forbidden import reachable from the file, as "where → what (why)". */
function heavyImports(entry: string): string[] {
	const problems: string[] = [];
	const seen = new Set<string>();
	const visit = (file: string) => {
		if (seen.has(file)) return;
		seen.add(file);
		for (const specifier of valueImports(file)) {
			const target = resolveImport(specifier, file);
			const why = forbidden(specifier, target);
			if (why) problems.push(`${relative(ROOT, file)} imports ${specifier}: ${why}`);
			else if (target) visit(target);
		}
	};
	visit(entry);
	return problems;
}

describe('JavaScript the budgeted pages load (issue 8)', () => {
	it('finds the six sections of the referral form, each a page of its own', () => {
		expect(BUDGETED_PAGES.filter((p) => p.startsWith(SECTIONS) && existsSync(p))).toHaveLength(6);
	});

	it.each([...EVERY_PAGE, ...BUDGETED_PAGES].map((p) => relative(SRC, p)))('%s reaches no zod, superforms client or schema module', (page) => {
		expect(heavyImports(join(SRC, page))).toEqual([]);
	});

	it('notices a schema reached through a component, and ignores type-only imports (the check itself works)', () => {
		const page = join(SRC, 'routes', '(app)', 'referrals', '[id]', 'triage', 'DecisionFields.svelte');
		expect(heavyImports(page).join('\n')).toMatch(/\$lib\/schemas\/triage/);
		expect(valueImports(join(SRC, 'routes', '(app)', 'referrals', '[id]', 'section', 'SectionForm.svelte'))).not.toContain('sveltekit-superforms');
	});
});
