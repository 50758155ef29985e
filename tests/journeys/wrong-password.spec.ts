import { DEMO_PASSWORD } from '../../src/lib/server/demo/data';
import { expect, scan, test } from './fixtures';
import { submitPassword } from './support/sign-in';

const EMAIL = 'youthworker@example.org';
const REFUSED = 'Enter a correct email address and password';
const THROTTLED = 'Too many attempts to sign in. Wait 15 minutes, then try again';

test('a wrong password is refused, and after five failures even the right one is refused for a while', async ({ page }) => {
	await page.goto('/sign-in');
	await submitPassword(page, EMAIL, 'not-the-password-at-all');
	const summary = page.getByRole('alert');
	await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
	await expect(summary.getByRole('link', { name: REFUSED })).toBeVisible();
	await expect(page).toHaveTitle(/^Error: Sign in/);
	await scan(page);

	// An unknown account gets exactly the same answer, so nobody learns who has an account.
	await submitPassword(page, 'nobody.here@example.org', DEMO_PASSWORD);
	await expect(summary.getByRole('link', { name: REFUSED })).toBeVisible();

	// Four more wrong passwords make five failures for this account…
	for (let attempt = 2; attempt <= 5; attempt++) {
		await submitPassword(page, EMAIL, `wrong-password-number-${attempt}`);
		await expect(summary.getByRole('link', { name: REFUSED })).toBeVisible();
	}
	// …so the sixth attempt, with the right password, is still refused.
	await submitPassword(page, EMAIL, DEMO_PASSWORD);
	await expect(summary.getByRole('link', { name: THROTTLED })).toBeVisible();
	await expect(page).toHaveURL(/\/sign-in/);
	await scan(page);

	// Another account from the same address is not locked out (the per-address limit is generous).
	await submitPassword(page, 'commissioner@example.org', DEMO_PASSWORD);
	await expect(page).toHaveURL(/\/mfa(\?|$)/);
});
