import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import type { Role } from '../../src/lib/roles';
import { expect, test } from './fixtures';
import { reportOf, type Checked } from './support/headers';
import { pathOf } from '../helpers/routes';
import { kindOf, signedInRequest, walkPath, walkRoutes, WALK_PARAMS } from './support/walk';

/**
 * SECURITY.md 12, issue 7 point 3: every page and endpoint under src/routes, walked signed out and as
 * a role its guard lets in, on records from the demo database: each page, its data request
 * (`__data.json`) and its form actions, each endpoint's methods. Every response SvelteKit renders
 * carries the strict CSP, HSTS, nosniff, Referrer-Policy, and no-store when signed in. The figures
 * go to test-results/headers-walk.json.
 */

const routes = walkRoutes();

test('every route with params has a query for them in the demo database', () => {
	expect(routes.filter((r) => r.id.includes('[') && !(r.id in WALK_PARAMS)).map((r) => r.id)).toEqual([]);
});

test('every response of every route carries the security headers, signed out and signed in', async ({ request, app }) => {
	test.setTimeout(300_000);
	const checked: Checked[] = [];
	const signedIn = new Map<Role, APIRequestContext>();
	const as = async (role: Role) => {
		let context = signedIn.get(role);
		if (!context) signedIn.set(role, (context = await signedInRequest(app, role)));
		return context;
	};
	const add = (label: string, response: APIResponse, isSignedIn: boolean) => checked.push({ label, response, signedIn: isSignedIn });
	const get = (client: APIRequestContext, path: string) => client.get(path, { maxRedirects: 0 });
	const post = (client: APIRequestContext, path: string, json = false) =>
		client.post(path, { form: {}, headers: { origin: app.url, accept: json ? 'application/json' : 'text/html' }, maxRedirects: 0 });

	for (const route of routes) {
		const path = await walkPath(app, route.id);
		const client = await as(route.role);
		const data = `${path === '/' ? '' : path}/__data.json`;
		// A record that is not there: the error page (or endpoint's 404) carries the headers too.
		if (route.id.includes('[')) add(`GET ${route.id} with made-up params as ${route.role}`, await get(client, pathOf(route.id, new Proxy({}, { get: () => 'not-a-real-id' }))), true);
		if (route.page) {
			add(`GET ${path} signed out`, await get(request, path), false);
			add(`GET ${path} as ${route.role}`, await get(client, path), true);
			add(`GET ${data} signed out`, await get(request, data), false);
			add(`GET ${data} as ${route.role}`, await get(client, data), true);
			for (const action of route.actions) add(`POST ${path} ?/${action} signed out`, await post(request, action === 'default' ? path : `${path}?/${action}`), false);
		}
		for (const method of route.methods) {
			if (method === 'GET') {
				add(`GET ${path} signed out`, await get(request, path), false);
				add(`GET ${path} as ${route.role}`, await get(client, path), true);
			} else {
				add(`${method} ${path} signed out`, await post(request, path, true), false);
				// Signing out ends the session: that request comes last, below.
				if (route.id !== '/(auth)/sign-out') add(`${method} ${path} as ${route.role}`, await post(client, path, true), true);
				add(`GET ${path} as ${route.role} (no GET handler)`, await get(client, path), true);
			}
		}
	}
	for (const [role, client] of signedIn) {
		add(`POST /sign-out as ${role}`, await post(client, '/sign-out'), true);
		await client.dispose();
	}

	const problems = reportOf(checked);
	const kinds = [...new Set(checked.map((c) => kindOf(c.response)))].sort();
	const statuses = [...new Set(checked.map((c) => c.response.status()))].sort();
	// A signed-in GET of a route's real params that answers 404 means its demo query found no record.
	const notFound = checked.filter((c) => c.signedIn && c.label.startsWith('GET ') && !c.label.includes('made-up') && c.response.status() === 404).map((c) => c.label);
	const summary = { routes: routes.length, responses: checked.length, nonConforming: new Set(problems.map((p) => p.split(' (')[0])).size, kinds, statuses, notFound, problems };
	mkdirSync(join('test-results'), { recursive: true });
	writeFileSync(join('test-results', 'headers-walk.json'), `${JSON.stringify(summary, null, 2)}\n`);
	test.info().annotations.push({ type: 'headers walk', description: `${checked.length} responses checked, ${summary.nonConforming} non-conforming` });

	expect(problems).toEqual([]);
	// The walk reached real documents, not only refusals: pages, data, PDFs, CSVs, calendars, ZIPs, redirects and 404s.
	expect(notFound).toEqual([]);
	expect(kinds).toEqual(expect.arrayContaining(['application/json', 'application/pdf', 'application/zip', 'redirect', 'text/calendar', 'text/csv', 'text/html']));
	expect(statuses).toEqual(expect.arrayContaining([200, 303, 400, 404]));
});
