import type { Role } from '../../src/lib/roles';
import { DEMO_PASSWORD, DEMO_SIGN_INS } from '../../src/lib/server/demo/data';
import { expect, scan, test } from './fixtures';
import { signIn, submitPassword } from './support/sign-in';
import { keyFromBase32 } from './support/totp';

// Independent tests: spread them over both workers (each worker starts its own copy of the app).
test.describe.configure({ mode: 'parallel' });

/** The heading each role's home page opens with. */
const HOME_HEADING: Record<Role, string> = {
	provider_admin: 'Manage your service',
	youth_worker: 'Referrals and casework',
	commissioner: 'Service outcomes',
	dsl: 'Your school’s referrals',
	deputy_dsl: 'Your school’s referrals',
	governor: 'Exclusion-avoidance report'
};

for (const account of DEMO_SIGN_INS.filter((s) => s.totpSecret)) {
	test(`a ${account.role} (${account.email}) signs in with password and authenticator code and reaches their home`, async ({ page, app }) => {
		await signIn(page, app, account.email);
		await expect(page).toHaveURL(/\/home$/);
		await expect(page.getByRole('heading', { level: 1, name: HOME_HEADING[account.role] })).toBeVisible();
		const menu = page.getByRole('navigation', { name: 'Menu' });
		await expect(menu.getByRole('link', { name: 'Home' })).toBeVisible();
		// Only the provider admin is offered the admin pages.
		await expect(menu.getByRole('link', { name: 'Users' })).toHaveCount(account.role === 'provider_admin' ? 1 : 0);
		await scan(page);
	});
}

test('a signed-in person opens their account page', async ({ page, app }) => {
	await signIn(page, app, 'deputy.oakfield@example.org');
	await page.getByRole('link', { name: 'Your account' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Change your password' })).toBeVisible();
	await scan(page);
});

test('a person without an authenticator sets one up at first sign-in and is shown recovery codes', async ({ page, app }) => {
	await page.goto('/sign-in');
	await submitPassword(page, 'dsl.castlegate@example.org', DEMO_PASSWORD);
	await expect(page).toHaveURL(/\/mfa\/setup$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Set up your authenticator app' })).toBeVisible();
	await expect(page.getByRole('img', { name: 'QR code to add Divert for Schools to your authenticator app' })).toBeVisible();
	await scan(page);

	// The <details> "I cannot scan the QR code": opening it shows the key to type in by hand.
	// Its summary is inline-block at the left, so click there rather than the middle of the group.
	const manual = page.getByRole('group');
	await manual.click({ position: { x: 40, y: 10 } });
	const key = /([A-Z2-7]{4}(?: [A-Z2-7]{4})+)/.exec(await manual.innerText())?.[1];
	expect(key, 'the manual key is shown in groups of four').toBeTruthy();
	await page.getByLabel('Code from your app').fill(await app.codes.next('dsl.castlegate@example.org', keyFromBase32(key ?? '')));
	await page.getByRole('button', { name: 'Continue' }).click();

	await expect(page.getByRole('heading', { level: 1, name: 'Your authenticator app is set up' })).toBeVisible();
	await expect(page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
	await scan(page);
	await page.getByRole('link', { name: 'I have saved my codes: continue' }).click();
	await expect(page.getByRole('heading', { level: 1, name: HOME_HEADING.dsl })).toBeVisible();
	await scan(page);
});
