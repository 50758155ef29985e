import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SCANS_DIR } from './paths';
import { routeForPath } from './routes';

/** WCAG 2.2 AA, as the issue sets it. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** How a scan of the error page (404) is recorded: it belongs to no route. */
export const ERROR_PAGE = '(error page)';

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

function describe(path: string, violations: Violation[]): string {
	const lines = [`axe found ${violations.length} accessibility violation(s) on ${path}:`];
	for (const v of violations) {
		lines.push('', `• ${v.id} (${v.impact ?? 'no impact given'}): ${v.help}`, `  ${v.helpUrl}`);
		for (const node of v.nodes) {
			lines.push(`  - ${node.target.join(' ')}`);
			if (node.failureSummary) lines.push(...node.failureSummary.split('\n').map((l) => `      ${l}`));
		}
	}
	return lines.join('\n');
}

/**
 * Pages this worker has already scanned, by a fingerprint of their markup: the same markup gives the
 * same axe result, so a page seen again (the sign-in form before each of nine sign-ins) is not
 * scanned again. Nonces change per response and are left out of the fingerprint.
 */
const passed = new Set<string>();

/** Pages of contexts with JavaScript off (marked by the `page` fixture): axe needs scripts to run. */
export const noScriptPages = new WeakSet<Page>();

/**
 * A JavaScript-enabled copy of a no-JavaScript page for axe: the same URL, answered with exactly the
 * markup the no-JavaScript page received (scripts removed, so nothing hydrates), with its styles
 * loaded from the app as usual.
 */
async function scriptableCopy(page: Page): Promise<{ copy: Page; close: () => Promise<void> }> {
	const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
	const browser = page.context().browser();
	if (!browser) throw new Error('scan: no browser for the page');
	// Inside a test, new contexts inherit the file's options: ask for scripts explicitly.
	const context = await browser.newContext({ javaScriptEnabled: true });
	const copy = await context.newPage();
	const url = page.url();
	await copy.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
	await copy.goto(url);
	return { copy, close: () => context.close() };
}

async function fingerprint(page: Page): Promise<string> {
	const html = await page.content();
	return createHash('sha256').update(html.replace(/ nonce="[^"]*"/g, '')).digest('hex');
}

/**
 * Runs axe-core on the page as it is now and fails on any WCAG 2.2 AA violation. Records the page
 * route it scanned, so the route-coverage check can name any page that no journey scanned.
 * Pass `errorPage` when the page is expected to be the error page (its URL names a route it is not).
 */
export async function scan(page: Page, options: { errorPage?: boolean } = {}): Promise<void> {
	const path = new URL(page.url()).pathname;
	const route = options.errorPage ? ERROR_PAGE : routeForPath(path)?.id;
	if (!route) throw new Error(`scan: no page route under src/routes matches ${path}`);
	const print = await fingerprint(page);
	const seen = passed.has(print);
	let violations: Violation[] = [];
	if (!seen && noScriptPages.has(page)) {
		const { copy, close } = await scriptableCopy(page);
		violations = (await new AxeBuilder({ page: copy }).withTags(WCAG_TAGS).analyze()).violations;
		await close();
	} else if (!seen) {
		violations = (await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()).violations;
	}
	const info = test.info();
	mkdirSync(SCANS_DIR, { recursive: true });
	appendFileSync(
		join(SCANS_DIR, `worker-${info.workerIndex}-${process.pid}.jsonl`),
		`${JSON.stringify({ route, path, title: info.titlePath.join(' › '), violations: violations.length, seen })}\n`
	);
	expect(violations.length, describe(path, violations)).toBe(0);
	passed.add(print);
}
