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

async function fingerprint(page: Page): Promise<string> {
	const html = await page.evaluate(() => document.documentElement.outerHTML);
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
	const violations = seen ? [] : (await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()).violations;
	const info = test.info();
	mkdirSync(SCANS_DIR, { recursive: true });
	appendFileSync(
		join(SCANS_DIR, `worker-${info.workerIndex}-${process.pid}.jsonl`),
		`${JSON.stringify({ route, path, title: info.titlePath.join(' › '), violations: violations.length, seen })}\n`
	);
	expect(violations.length, describe(path, violations)).toBe(0);
	passed.add(print);
}
