import { expect, scan, test } from './fixtures';
import { signIn } from './support/sign-in';

test('a provider admin opens every settings page, and a changed programme name shows on the home page', async ({ page, app }) => {
	await signIn(page, app, 'admin@example.org');
	await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Settings' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
	await scan(page);

	// Every "Change …" link on the settings page, each page once.
	const hrefs = await page.getByRole('link', { name: /^Change / }).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
	const paths = [...new Set(hrefs.map((h) => h.split('#')[0] ?? ''))];
	expect(paths.length).toBeGreaterThan(5);
	for (const path of paths) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await scan(page);
	}

	await page.goto('/admin/settings/term-dates');
	await page.getByRole('link', { name: /^Change term dates for / }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: /^Term dates for / })).toBeVisible();
	await scan(page);

	await page.goto('/admin/settings/local-numbers');
	await page.getByRole('link', { name: 'Northmoor Council' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByLabel('MASH (multi-agency safeguarding hub) phone number')).toHaveValue('01632 960101');
	await scan(page);

	await page.goto('/admin/settings/programme-name');
	await page.getByLabel('Programme name').fill('DIVERT Young People (North Riding)');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page).toHaveURL(/\/admin\/settings\?saved=programme-name$/);
	await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Home' }).click();
	await expect(page.getByRole('main')).toContainText('DIVERT Young People (North Riding)');
});
