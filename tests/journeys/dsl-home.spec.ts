import { expect, scan, test } from './fixtures';
import { signIn } from './support/sign-in';

test('a DSL searches their school’s referrals by name: the results come alone under the form, and one link brings back the home view', async ({ page, app }) => {
	await signIn(page, app, 'dsl.oakfield@example.org');
	await expect(page.getByRole('heading', { level: 1, name: 'Your school’s referrals' })).toBeVisible();
	// The home view: what is due comes first.
	await expect(page.getByRole('heading', { level: 2, name: 'Upcoming sessions' })).toBeVisible();
	const table = page.getByRole('table', { name: 'Your school’s referrals' });
	const name = (await table.getByRole('link').first().textContent())?.trim() ?? '';
	const surname = name.split(/\s+/).at(-1) ?? '';
	expect(surname.length).toBeGreaterThan(1);

	await page.getByLabel('Search by first or last name').fill(surname.slice(0, 3).toLowerCase());
	await page.getByRole('button', { name: 'Show referrals' }).click();
	await expect(page).toHaveURL(/[?&]q=/);
	await expect(table.getByRole('link', { name })).toBeVisible();
	for (const link of await table.getByRole('link').allTextContents()) expect(link.toLowerCase()).toContain(surname.slice(0, 3).toLowerCase());
	await expect(page.getByRole('heading', { level: 2, name: 'Upcoming sessions' })).toHaveCount(0);
	await expect(page.getByLabel('Search by first or last name')).toHaveValue(surname.slice(0, 3).toLowerCase());
	await scan(page);

	await page.getByRole('link', { name: 'Show all referrals, with follow-ups to record and sessions coming up' }).click();
	await expect(page).toHaveURL(/\/home$/);
	await expect(page.getByRole('heading', { level: 2, name: 'Upcoming sessions' })).toBeVisible();
	await expect(page.getByLabel('Search by first or last name')).toHaveValue('');
});
