import { expect, scan, test } from './fixtures';
import { signIn, submit } from './support/sign-in';

test('a DSL from another school gets 404 on the case, its sections and its PDF', async ({ page, app, browser }) => {
	await signIn(page, app, 'dsl.oakfield@example.org');
	await page.goto('/referrals/new');
	await submit(page, page.getByRole('button', { name: 'Start now' }));
	const caseUrl = page.url().replace(/\/section\/safety$/, '');

	const context = await browser.newContext({ baseURL: app.url });
	const other = await context.newPage();
	await signIn(other, app, 'dsl.riverside@example.org');
	for (const path of ['', '/section/pupil', '/check', '/summary.pdf', '/discard']) {
		const response = await other.goto(`${caseUrl}${path}`);
		expect(response?.status(), path).toBe(404);
	}
	await other.goto(caseUrl);
	await expect(other.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
	await scan(other);
	await context.close();
});
