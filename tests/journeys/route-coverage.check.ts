import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SCANS_DIR } from './support/paths';
import { pageRoutes } from './support/routes';

/**
 * Page routes no journey can scan, each with the reason. Only routes that cannot render a page of
 * their own belong here.
 */
const EXEMPT: Record<string, string> = {
	'/': 'The front door: its load always redirects, to /home or /sign-in, and it has no +page.svelte'
};

function scannedRoutes(): Set<string> {
	const routes = new Set<string>();
	if (!existsSync(SCANS_DIR)) return routes;
	for (const file of readdirSync(SCANS_DIR).filter((f) => f.endsWith('.jsonl'))) {
		for (const line of readFileSync(join(SCANS_DIR, file), 'utf8').split('\n').filter(Boolean)) {
			routes.add((JSON.parse(line) as { route: string }).route);
		}
	}
	return routes;
}

test('every page route was scanned with axe by some journey', () => {
	const all = pageRoutes().map((r) => r.id);
	const scanned = scannedRoutes();
	const missing = all.filter((id) => !scanned.has(id) && !(id in EXEMPT));
	expect(missing, `No journey scanned these page routes with axe: ${missing.join(', ')}`).toEqual([]);
});

test('every exemption names a page route that still exists', () => {
	const all = new Set(pageRoutes().map((r) => r.id));
	expect(Object.keys(EXEMPT).filter((id) => !all.has(id))).toEqual([]);
});
