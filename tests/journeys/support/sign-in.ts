import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD, demoSignIn } from '../../../src/lib/server/demo/data';
import { scan } from './axe';
import type { JourneyApp } from './server';
import { keyFromBase32 } from './totp';

/**
 * Clicks a form's submit button and waits for the server's answer to the POST, so the next step never
 * races the form (with JavaScript, the page updates in place and a quick refill could be overwritten).
 */
export async function submit(page: Page, button: Locator): Promise<void> {
	await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), button.click()]);
}

/** Fills in the sign-in form on the page as it is (scanning it first) and submits it. */
export async function submitPassword(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Divert for Schools' })).toBeVisible();
	await scan(page);
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password').fill(password);
	await submit(page, page.getByRole('button', { name: 'Sign in' }));
}

/** Enters the account's next authenticator code on the MFA page (scanning it first). */
export async function submitCode(page: Page, app: JourneyApp, email: string): Promise<void> {
	const { totpSecret } = demoSignIn(email);
	if (!totpSecret) throw new Error(`${email} has no fixed authenticator key`);
	await expect(page.getByRole('heading', { level: 1, name: 'Enter your authenticator code' })).toBeVisible();
	await scan(page);
	await page.getByLabel('Code', { exact: true }).fill(await app.codes.next(email, keyFromBase32(totpSecret)));
	await submit(page, page.getByRole('button', { name: 'Continue' }));
}

/** Signs a demo account in with its password and authenticator code, from the sign-in page. */
export async function signIn(page: Page, app: JourneyApp, email: string): Promise<void> {
	if (new URL(page.url()).pathname !== '/sign-in') await page.goto('/sign-in');
	await submitPassword(page, email);
	await expect(page).toHaveURL(/\/mfa(\?|$)/);
	await submitCode(page, app, email);
	await page.waitForURL((url) => !url.pathname.startsWith('/mfa'));
}
