import type { APIRequestContext, APIResponse } from '@playwright/test';
import { expect, scan, test } from './fixtures';
import { reportOf, type Checked } from './support/headers';
import { signIn } from './support/sign-in';

/**
 * SECURITY.md 12: every response SvelteKit renders (pages, endpoints, errors, redirects, data and form
 * requests) carries a strict CSP, HSTS, nosniff and a strict Referrer-Policy, and every signed-in one
 * `Cache-Control: no-store` (support/headers.ts). headers-walk.spec.ts walks every route the same way.
 */

const DSL = 'dsl.oakfield@example.org';

function expectAllSecure(checked: Checked[]): void {
	expect(reportOf(checked)).toEqual([]);
}

/** A form action posted as a browser would without JavaScript (same origin, wanting the page back). */
const formPost = (request: APIRequestContext, origin: string, path: string, form: Record<string, string>) =>
	request.post(path, { form, headers: { origin, accept: 'text/html' }, maxRedirects: 0 });

/** The same form action posted by superforms' use:enhance, which wants SvelteKit's JSON answer. */
const enhancedPost = (request: APIRequestContext, origin: string, path: string, form: Record<string, string>) =>
	request.post(path, { form, headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' }, maxRedirects: 0 });

test('every kind of anonymous response carries the security headers', async ({ request, app }) => {
	const get = (path: string) => request.get(path, { maxRedirects: 0 });
	const checked: Checked[] = [];
	const add = (label: string, response: APIResponse) => checked.push({ label, response, signedIn: false });

	const signInPage = await get('/sign-in');
	expect(signInPage.status()).toBe(200);
	expect(signInPage.headers()['content-type']).toContain('text/html');
	add('public page /sign-in', signInPage);

	const health = await get('/health');
	expect(health.status()).toBe(200);
	add('endpoint /health', health);

	const backstop = await get('/home');
	expect(backstop.status()).toBe(303);
	expect(backstop.headers().location).toBe(`/sign-in?next=${encodeURIComponent('/home')}`);
	add('backstop redirect of /home', backstop);

	const frontDoor = await get('/');
	expect(frontDoor.status()).toBe(303);
	add('redirect thrown by a load (/)', frontDoor);

	const guardRedirect = await get('/mfa');
	expect(guardRedirect.status()).toBe(303);
	add('redirect thrown by the guard (/mfa)', guardRedirect);

	const notFound = await get('/no-such-page');
	expect(notFound.status()).toBe(404);
	add('404 /no-such-page', notFound);

	const data = await get('/home/__data.json');
	expect(await data.json()).toMatchObject({ type: 'redirect', location: `/sign-in?next=${encodeURIComponent('/home')}` });
	add('data request /home/__data.json (backstop)', data);

	const action = await formPost(request, app.url, '/sign-in', { email: '', password: '' });
	expect(action.status()).toBe(400);
	add('form action POST /sign-in', action);

	const enhanced = await enhancedPost(request, app.url, '/sign-in', { email: '', password: '' });
	expect(await enhanced.json()).toMatchObject({ type: 'failure', status: 400 });
	add('form action POST /sign-in with JavaScript', enhanced);

	// A form on another site posting here (cross-site request forgery) is refused, with the headers.
	const forged = await formPost(request, 'https://attacker.example', '/sign-in', { email: 'dsl.oakfield@example.org', password: 'x' });
	expect(forged.status()).toBe(403);
	expect(await forged.text()).toContain('Cross-site form submissions are refused');
	add('cross-site form POST /sign-in (refused)', forged);
	const noOrigin = await request.post('/sign-in', { form: { email: '', password: '' }, headers: { accept: 'text/html' }, maxRedirects: 0 });
	expect(noOrigin.status()).toBe(403);
	add('form POST without an Origin (refused)', noOrigin);
	const forgedJson = await request.post('/session/extend', { data: {}, headers: { origin: 'https://attacker.example', accept: 'application/json' }, maxRedirects: 0 });
	expect(forgedJson.status()).toBe(403);
	add('cross-site JSON POST /session/extend (refused)', forgedJson);

	expectAllSecure(checked);
});

test('every kind of signed-in response carries the security headers and is never cached', async ({ page, app }) => {
	await signIn(page, app, DSL);
	// page.request shares the page's cookies, so these requests are signed in.
	const request = page.request;
	const get = (path: string) => request.get(path, { maxRedirects: 0 });
	const checked: Checked[] = [];
	const add = (label: string, response: APIResponse) => checked.push({ label, response, signedIn: true });

	const home = await get('/home');
	expect(home.status()).toBe(200);
	expect(home.headers()['content-type']).toContain('text/html');
	add('signed-in page /home', home);

	const data = await get('/home/__data.json');
	expect(data.status()).toBe(200);
	expect(await data.json()).toMatchObject({ type: 'data' });
	add('data request /home/__data.json', data);

	const frontDoor = await get('/');
	expect(frontDoor.status()).toBe(303);
	expect(frontDoor.headers().location).toBe('/home');
	add('redirect thrown by a load (/ to /home)', frontDoor);

	const notFound = await get('/no-such-page');
	expect(notFound.status()).toBe(404);
	add('404 /no-such-page', notFound);

	const health = await get('/health');
	expect(health.status()).toBe(200);
	add('endpoint /health', health);

	const action = await formPost(request, app.url, '/account?/password', { current: '', password: '', confirm: '' });
	expect(action.status()).toBe(400);
	add('form action POST /account?/password', action);

	const enhanced = await enhancedPost(request, app.url, '/account?/password', { current: '', password: '', confirm: '' });
	expect(await enhanced.json()).toMatchObject({ type: 'failure', status: 400 });
	add('form action POST /account?/password with JavaScript', enhanced);

	// A submitted referral of the DSL's own school, from their list; its PDF needs a fresh code, which signing in just gave.
	await page.goto('/home?state=submitted');
	await scan(page);
	const href = await page.getByRole('table', { name: 'Your school’s referrals' }).getByRole('link').first().getAttribute('href');
	expect(href).toMatch(/^\/referrals\/[^/]+$/);
	const pdf = await get(`${href}/summary.pdf`);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	add('PDF endpoint summary.pdf', pdf);

	expectAllSecure(checked);
});
