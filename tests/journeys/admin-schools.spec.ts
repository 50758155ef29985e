import { expect, scan, test } from './fixtures';
import { signIn, submit } from './support/sign-in';

test('a provider admin adds a school, changes its details and enters its numbers on roll', async ({ page, app }) => {
	await signIn(page, app, 'admin@example.org');
	await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Schools' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Schools and colleges' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Oakfield Academy' })).toBeVisible();
	// The other service's school is not listed.
	await expect(page.getByRole('link', { name: 'Valley Park Academy' })).toHaveCount(0);
	await scan(page);

	await page.getByRole('link', { name: 'Add a school or college' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Add a school or college' })).toBeVisible();
	await scan(page);
	await submit(page, page.getByRole('button', { name: 'Add school or college' }));
	await expect(page.getByRole('alert').getByRole('link', { name: 'Enter the name of the school or college' })).toBeVisible();
	await expect(page).toHaveTitle(/^Error: /);
	await scan(page);

	await page.getByLabel('Name').fill('Moorside Academy');
	await page.getByLabel('URN (unique reference number)').fill('900106');
	await page.getByLabel('Type').selectOption('Academy');
	await page.getByLabel('Phase').selectOption('Secondary');
	await page.getByLabel('Local authority').fill('Northmoor Council');
	await page.getByRole('button', { name: 'Add school or college' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Moorside Academy' })).toBeVisible();
	await expect(page.getByRole('alert')).toContainText('The school has been added.');
	await scan(page);

	await page.getByRole('link', { name: 'Change local authority' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Change school details' })).toBeVisible();
	await scan(page);
	await page.getByLabel('Local authority').fill('Ashdale Borough Council');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('alert')).toContainText('The school’s details have been changed.');

	await page.getByRole('link', { name: /^Enter numbers on roll for / }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: /^Numbers on roll, / })).toBeVisible();
	await scan(page);
	await page.getByLabel('Year 7', { exact: true }).fill('180');
	await page.getByRole('button', { name: 'Save numbers on roll' }).click();
	await expect(page.getByRole('alert')).toContainText(/Numbers on roll for .* have been saved/);
	await scan(page);
});
