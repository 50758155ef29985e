import { expect, scan, test } from './fixtures';
import { signIn } from './support/sign-in';
import { keyFromBase32 } from './support/totp';
import { demoSignIn } from '../../src/lib/server/demo/data';

const EMAIL = 'dsl.riverside@example.org';

test('making new recovery codes asks for a fresh authenticator code once the last one is 15 minutes old', async ({ page, app }) => {
	await signIn(page, app, EMAIL);
	await page.getByRole('link', { name: 'Your account' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();

	// The code given at sign-in was 16 minutes ago (SECURITY.md 10: step-up after 15 minutes).
	await app.sql('UPDATE auth_session SET mfa_verified_at = ? WHERE user_id = (SELECT id FROM user WHERE email = ?)', [Date.now() - 16 * 60_000, EMAIL]);
	await page.getByRole('button', { name: 'Make new recovery codes' }).click();

	await expect(page).toHaveURL((url) => url.pathname === '/step-up' && url.searchParams.get('next') === '/account');
	await expect(page.getByRole('heading', { level: 1, name: 'Confirm it is you' })).toBeVisible();
	await scan(page);
	await page.getByLabel('Code from your app').fill('12345');
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByRole('alert').getByRole('link', { name: 'The code must be 6 digits' })).toBeVisible();
	await scan(page);

	await page.getByLabel('Code from your app').fill(await app.codes.next(EMAIL, keyFromBase32(demoSignIn(EMAIL).totpSecret ?? '')));
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page).toHaveURL(/\/account$/);
	await page.getByRole('button', { name: 'Make new recovery codes' }).click();
	await expect(page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
	await scan(page);
});
