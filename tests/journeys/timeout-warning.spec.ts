import { expect, scan, test } from './fixtures';
import { signIn } from './support/sign-in';

test('a warning comes before the idle timeout, and "Stay signed in" keeps the session', async ({ page, app }) => {
	await page.clock.install();
	await signIn(page, app, 'governor.oakfield@example.org');
	await page.goto('/home');
	const dialog = page.getByRole('dialog', { name: 'You will be signed out soon' });
	await expect(dialog).toBeHidden();
	await page.clock.fastForward('24:00');
	await expect(dialog).toBeHidden();
	await page.clock.fastForward('01:30');
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText(/We will sign you out in [1-5] minutes?/);
	await scan(page);
	const extended = page.waitForResponse((r) => r.url().endsWith('/session/extend') && r.request().method() === 'POST');
	await dialog.getByRole('button', { name: 'Stay signed in' }).click();
	expect((await extended).status()).toBe(200);
	await expect(dialog).toBeHidden();
	await page.clock.fastForward('20:00');
	await expect(dialog).toBeHidden();
});

test('after the timeout the warning says so, without leaving the page', async ({ page, app }) => {
	await page.clock.install();
	await signIn(page, app, 'commissioner@example.org');
	await page.goto('/account');
	await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
	// Run every tick in between, as a real half hour would: the warning first, then the signed-out message.
	await page.clock.runFor('31:00');
	const dialog = page.getByRole('dialog', { name: 'You have been signed out' });
	await expect(dialog).toBeVisible();
	await expect(page).toHaveURL(/\/account$/);
	await dialog.getByRole('button', { name: 'Back to the page' }).click();
	await expect(dialog).toBeHidden();
});
