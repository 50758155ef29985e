import { expect, scan, test } from './fixtures';
import type { JourneyApp } from './support/server';
import { signIn, submit } from './support/sign-in';

async function userPath(app: JourneyApp, email: string): Promise<string> {
	const id = (await app.sql('SELECT id FROM user WHERE email = ?', [email])).rows[0]?.id;
	if (typeof id !== 'string') throw new Error(`No user ${email}`);
	return `/admin/users/${id}`;
}

test('a provider admin adds a DSL and is given their set-password link, then changes their role', async ({ page, app }) => {
	await signIn(page, app, 'admin@example.org');
	await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Users' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
	await expect(page.getByRole('cell', { name: 'dsl.oakfield@example.org' })).toBeVisible();
	// The other service's people are not listed.
	await expect(page.getByRole('cell', { name: 'dsl.valleypark@example.org' })).toHaveCount(0);
	await scan(page);

	await page.getByRole('link', { name: 'Add a user' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Add a user' })).toBeVisible();
	await scan(page);
	await submit(page, page.getByRole('button', { name: 'Add user' }));
	await expect(page.getByRole('alert').getByRole('heading', { name: 'There is a problem' })).toBeVisible();
	await scan(page);

	await page.getByLabel('Full name').fill('Jordan Testperson');
	await page.getByLabel('Email address').fill('jordan.testperson@example.org');
	await page.getByLabel('Designated safeguarding lead', { exact: true }).check();
	await page.getByLabel('School or college').selectOption({ label: 'Castlegate School' });
	await page.getByRole('button', { name: 'Add user' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'User added' })).toBeVisible();
	await expect(page.getByRole('main')).toContainText(`${app.url}/set-password/`);
	await scan(page);

	await page.getByRole('link', { name: 'View this user' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Jordan Testperson' })).toBeVisible();
	await scan(page);
	await page.getByRole('link', { name: 'Change role' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Change role' })).toBeVisible();
	await scan(page);
	await page.getByLabel('Deputy designated safeguarding lead', { exact: true }).check();
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('alert')).toContainText('The role has been changed.');
	await scan(page);
});

test('a provider admin resets someone’s authenticator app and deactivates an account, each after confirming', async ({ page, app }) => {
	await signIn(page, app, 'admin@example.org');
	await page.goto(await userPath(app, 'governor.oakfield@example.org'));
	await page.getByRole('link', { name: 'Reset authenticator app' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Reset their authenticator app?' })).toBeVisible();
	await scan(page);
	await page.getByRole('button', { name: 'Reset authenticator app' }).click();
	await expect(page.getByRole('alert')).toContainText('Their authenticator app has been reset');

	await page.goto(await userPath(app, 'youthworker@example.org'));
	await page.getByRole('link', { name: /^Deactivate / }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^Are you sure you want to deactivate / })).toBeVisible();
	await scan(page);
	await page.getByRole('button', { name: 'Deactivate account' }).click();
	await expect(page.getByRole('alert')).toContainText('The account has been deactivated');
	await scan(page);
});
