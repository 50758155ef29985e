import { expect, scan, test } from './fixtures';
import { signIn } from './support/sign-in';

test('a provider admin searches the audit log of their service', async ({ page, app }) => {
	await signIn(page, app, 'admin@example.org');
	await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Audit log' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
	await expect(page.getByRole('table', { name: 'Entries' })).toBeVisible();
	await scan(page);

	await page.getByLabel('Action').selectOption('auth.sign-in');
	await page.getByRole('button', { name: 'Apply filters' }).click();
	const table = page.getByRole('table', { name: 'Matching entries' });
	await expect(table).toBeVisible();
	await expect(table.getByRole('cell', { name: 'auth.sign-in', exact: true }).first()).toBeVisible();
	await scan(page);
});
