import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { expect, scan, test } from './fixtures';
import type { JourneyApp } from './support/server';
import { submitCode, submitPassword } from './support/sign-in';

const EMAIL = 'dsl.riverside@example.org';
const NEW_PASSWORD = 'kettle harbour lantern 42';

/**
 * Waits for the outbox worker to write the email to this app's OUTBOX_DIR and returns its text: the
 * one to `to` that contains `containing` (the demo's own emails to the same person may be there too).
 */
async function emailTo(app: JourneyApp, to: string, containing: string): Promise<string> {
	for (let tries = 0; tries < 100; tries++) {
		for (const name of readdirSync(app.outboxDir).filter((n) => n.endsWith('.eml'))) {
			const mail = await simpleParser(readFileSync(join(app.outboxDir, name)));
			if (mail.text?.includes(containing) && JSON.stringify(mail.to).includes(to)) return mail.text;
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`No email to ${to} in ${app.outboxDir}`);
}

test('someone who forgot their password gets a one-time link, chooses a new password and signs in with it', async ({ page, app }) => {
	await page.goto('/sign-in');
	await page.getByRole('link', { name: 'I have forgotten my password' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
	await scan(page);
	await page.getByRole('button', { name: 'Send the link' }).click();
	await expect(page.getByRole('alert').getByRole('link', { name: 'Enter your email address' })).toBeVisible();
	await scan(page);
	await page.getByLabel('Email address').fill(EMAIL);
	await page.getByRole('button', { name: 'Send the link' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
	await scan(page);

	const link = /https?:\/\/\S+\/set-password\/\S+/.exec(await emailTo(app, EMAIL, '/set-password/'))?.[0];
	expect(link, 'the email holds a set-password link').toBeTruthy();
	await page.goto(link ?? '');
	await expect(page.getByRole('heading', { level: 1, name: 'Choose a password' })).toBeVisible();
	await scan(page);
	await page.getByLabel('New password').fill('too short');
	await page.getByLabel('Type the password again').fill('too short');
	await page.getByRole('button', { name: 'Save password' }).click();
	await expect(page.getByRole('alert').getByRole('link', { name: 'Password must be 12 characters or more' })).toBeVisible();
	await scan(page);
	await page.getByLabel('New password').fill(NEW_PASSWORD);
	await page.getByLabel('Type the password again').fill(NEW_PASSWORD);
	await page.getByRole('button', { name: 'Save password' }).click();

	await expect(page).toHaveURL(/\/sign-in\?password-set=1$/);
	await expect(page.getByRole('alert')).toContainText('Your password is set');
	await submitPassword(page, EMAIL, NEW_PASSWORD);
	await submitCode(page, app, EMAIL);
	await expect(page).toHaveURL(/\/home$/);

	// The link works once.
	await page.goto(link ?? '');
	await expect(page.getByRole('heading', { level: 1, name: 'This link has expired or was used already' })).toBeVisible();
	await scan(page);
});

test('the neutral page behind "Hide screen" shows nothing but a way back', async ({ page }) => {
	await page.goto('/hidden');
	await expect(page.getByRole('heading', { level: 1, name: 'Divert for Schools' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Continue' })).toBeVisible();
	await scan(page);
});
