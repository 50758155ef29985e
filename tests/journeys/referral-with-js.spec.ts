import { expect, scan, test } from './fixtures';
import { makeCompleteDraft } from './support/referral';
import { signIn, submit } from './support/sign-in';

test('a DSL makes a referral from start to submission with JavaScript on', async ({ page, app }) => {
	await signIn(page, app, 'dsl.oakfield@example.org');
	const url = await makeCompleteDraft(page, 'Jordan');
	await page.getByRole('link', { name: 'Check answers and submit' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Check your answers before submitting the referral' })).toBeVisible();
	await expect(page.getByText('Jordan Testcase').first()).toBeVisible();
	await scan(page);
	await submit(page, page.getByRole('button', { name: 'Submit the referral' }));
	await expect(page.getByRole('heading', { name: 'Referral submitted' })).toBeVisible();
	await expect(page.getByText('Submitted', { exact: true }).first()).toBeVisible();
	await scan(page);
	await page.goto('/home');
	await expect(page.getByRole('link', { name: 'Jordan Testcase' })).toBeVisible();
	await scan(page);
	expect(url).toMatch(/\/referrals\/[a-z0-9]+$/);
});

test('a draft saves itself a few seconds after typing stops', async ({ page, app }) => {
	await signIn(page, app, 'deputy.oakfield@example.org');
	await page.goto('/referrals/new');
	await submit(page, page.getByRole('button', { name: 'Start now' }));
	await page.goto(`${page.url().replace(/\/section\/safety$/, '')}/section/pupil`);
	await page.getByLabel('Legal first name').fill('Autosaved');
	await expect(page.getByText(/Draft saved at/)).toBeVisible({ timeout: 10_000 });
	await page.reload();
	await expect(page.getByLabel('Legal first name')).toHaveValue('Autosaved');
});
