import { expect, scan, test } from './fixtures';
import { signIn, submit } from './support/sign-in';

test('a person sees where they are signed in and signs another browser out', async ({ page, app, browser }) => {
	const elsewhere = await browser.newContext({ baseURL: app.url });
	const other = await elsewhere.newPage();
	await signIn(other, app, 'dsl.oakfield@example.org');
	await signIn(page, app, 'dsl.oakfield@example.org');

	await page.goto('/account');
	const sessions = page.getByRole('table', { name: 'Where you are signed in' });
	await expect(sessions.getByRole('row')).toHaveCount(3);
	await expect(sessions.getByText('This browser')).toBeVisible();
	await scan(page);
	await submit(page, sessions.getByRole('button', { name: /^Sign out/ }));
	await expect(page.getByText('That session has ended: whoever was using it must sign in again.')).toBeVisible();
	await expect(sessions.getByRole('row')).toHaveCount(2);
	await scan(page);

	await other.goto('/home');
	await expect(other).toHaveURL(/\/sign-in/);
	await elsewhere.close();
});

test('a provider admin signs a user out of every session', async ({ page, app, browser }) => {
	const userContext = await browser.newContext({ baseURL: app.url });
	const dsl = await userContext.newPage();
	await signIn(dsl, app, 'dsl.riverside@example.org');
	await expect(dsl.getByRole('heading', { level: 1 })).toBeVisible();

	await signIn(page, app, 'admin@example.org');
	const id = (await app.sql('SELECT id FROM user WHERE email = ?', ['dsl.riverside@example.org'])).rows[0]?.id;
	await page.goto(`/admin/users/${String(id)}`);
	await expect(page.getByRole('heading', { level: 2, name: 'Sign-in sessions' })).toBeVisible();
	await submit(page, page.getByRole('button', { name: 'Sign out of every session' }));
	await expect(page.getByText('They have been signed out everywhere.')).toBeVisible();
	await scan(page);

	await dsl.goto('/home');
	await expect(dsl).toHaveURL(/\/sign-in/);
	await userContext.close();
});
