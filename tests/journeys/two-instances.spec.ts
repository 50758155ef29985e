import { DEMO_PASSWORD } from '../../src/lib/server/demo/data';
import { startSmtp } from '../helpers/smtp';
import { expect, scan, test } from './fixtures';
import { startJourneyApp, type JourneyApp } from './support/server';
import { signIn, submit } from './support/sign-in';

/**
 * SECURITY.md 26 and issue 8: several instances of the app behind a load balancer share one database,
 * and every piece of state (sessions, rate limits, the outbox) lives there. Two built servers run
 * here on one database file, each with its own outbox worker, both sending to one real SMTP server.
 */
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let a: JourneyApp;
let b: JourneyApp;

test.beforeAll(async () => {
	smtp = await startSmtp();
	a = await startJourneyApp('two-instances-a', { env: { SMTP_URL: smtp.url } });
	b = await startJourneyApp('two-instances-b', { databaseUrl: a.databaseUrl, env: { SMTP_URL: smtp.url } });
});

test.afterAll(async () => {
	await Promise.all([a?.stop(), b?.stop()]);
	await smtp?.close();
});

/** A request with a session token and no browser: what either instance says about that token. */
function getWithSession(app: JourneyApp, path: string, token: string) {
	return fetch(`${app.url}${path}`, { headers: { cookie: `auth_session=${token}`, accept: 'text/html' }, redirect: 'manual' });
}

test('a session made on one instance works on the other, and signing out on one is refused on the other at once', async ({ browser }) => {
	const context = await browser.newContext({ baseURL: a.url });
	const page = await context.newPage();
	await signIn(page, a, 'youthworker@example.org');
	const token = (await context.cookies()).find((c) => c.name === 'auth_session')?.value ?? '';
	expect(token).not.toBe('');

	// Cookies belong to the host, not the port, so the browser takes the session made on A to B.
	await page.goto(`${b.url}/home`);
	await expect(page).toHaveURL(`${b.url}/home`);
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
	await scan(page);
	expect((await getWithSession(b, '/home', token)).status).toBe(200);

	await submit(page, page.getByRole('button', { name: 'Sign out' }));
	await expect(page).toHaveURL(`${b.url}/sign-in?signed-out=1`);

	const onA = await getWithSession(a, '/home', token);
	expect(onA.status).toBe(303);
	expect(onA.headers.get('location')).toMatch(/^\/sign-in/);
	await context.close();
});

test('a case page and a school’s home kept on one instance show a change made on the other at once', async ({ browser }) => {
	const context = await browser.newContext({ baseURL: a.url });
	const page = await context.newPage();
	await signIn(page, a, 'dsl.oakfield@example.org');

	// B keeps the school's list of submitted referrals and the first one's case page (issue 8).
	await page.goto(`${b.url}/home?state=submitted`);
	const table = page.getByRole('table', { name: 'Your school’s referrals' });
	const first = table.getByRole('link').first();
	const name = (await first.textContent()) ?? '';
	const casePath = new URL((await first.getAttribute('href')) ?? '', b.url).pathname;
	await page.goto(`${b.url}${casePath}`);
	await expect(page.getByText('Submitted', { exact: true }).first()).toBeVisible();

	// Withdrawn on A.
	await page.goto(`${a.url}${casePath}/withdraw`);
	await page.getByLabel('Why is the referral being withdrawn?').fill('Moved to a school in another county');
	await submit(page, page.getByRole('button', { name: 'Withdraw the referral' }));
	await expect(page.getByText('Withdrawn', { exact: true }).first()).toBeVisible();

	// B shows it withdrawn, with the reason, and no longer lists it as submitted.
	await page.goto(`${b.url}${casePath}`);
	await expect(page.getByText('Withdrawn', { exact: true }).first()).toBeVisible();
	await expect(page.getByText('Moved to a school in another county').first()).toBeVisible();
	await scan(page);
	await page.goto(`${b.url}/home?state=submitted`);
	await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
	await context.close();
});

test('sign-in throttling counts the attempts made on both instances together', async () => {
	const attempt = (app: JourneyApp, password: string) =>
		fetch(`${app.url}/sign-in`, {
			method: 'POST',
			headers: { origin: app.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: 'commissioner@example.org', password }),
			redirect: 'manual'
		});
	// Three wrong passwords on A and two on B: neither instance alone saw the five the limit allows.
	for (const app of [a, b, a, b, a]) {
		expect(await (await attempt(app, 'not-the-password')).text()).toContain('Enter a correct email address and password');
	}
	for (const app of [b, a]) {
		const refused = await attempt(app, DEMO_PASSWORD);
		expect(refused.status).not.toBe(303);
		expect(await refused.text()).toContain('Too many attempts to sign in');
	}
});

test('each outbox email is sent once while both instances run their workers', async () => {
	// A slow mail server: a batch of ten takes a second to send, so the other worker polls meanwhile.
	smtp.state.delayMs = 100;
	const reset = await fetch(`${b.url}/forgotten-password`, {
		method: 'POST',
		headers: { origin: b.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email: 'dsl.riverside@example.org' }),
		redirect: 'manual'
	});
	expect(reset.status).toBe(200);
	// And a burst of forty queued at once, as a busy morning's changes would queue them.
	const now = Date.now();
	await a.sql(
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
		 INSERT INTO outbox (id, kind, service_id, payload, status, run_at, attempts, created_at)
		 SELECT 'burst-' || i, 'email', NULL, json_object('to', 'burst' || i || '@example.org', 'subject', 'Burst ' || i, 'text', 'Something needs attention'), 'pending', ?, 0, ? FROM n`,
		[now, now]
	);

	const sent = () => smtp.received.map((m) => (m.messageId ?? '').replace(/^<|>$/g, ''));
	await expect.poll(() => sent().filter((id) => id.startsWith('burst-')).length, { timeout: 60_000 }).toBe(40);
	await expect.poll(() => smtp.received.filter((m) => m.subject === 'Reset your Divert for Schools password').length, { timeout: 10_000 }).toBe(1);
	// Both workers keep polling every 200 ms: a second copy would arrive now if it ever would.
	await new Promise((resolve) => setTimeout(resolve, 2000));

	expect(new Set(sent()).size).toBe(sent().length);
	expect(sent().filter((id) => id.startsWith('burst-')).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `burst-${i + 1}@divert.invalid`).sort());
	const rows = await a.sql("SELECT status, attempts, count(*) AS n FROM outbox WHERE id LIKE 'burst-%' GROUP BY status, attempts");
	expect(rows.rows.map((r) => ({ status: r.status, attempts: Number(r.attempts), n: Number(r.n) }))).toEqual([{ status: 'done', attempts: 1, n: 40 }]);
	const owners = await a.sql("SELECT count(DISTINCT lease_owner) AS n FROM outbox WHERE id LIKE 'burst-%'");
	expect(owners.rows[0]?.n, 'both instances sent some of the burst').toBe(2);
});
