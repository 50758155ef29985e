import { readFileSync } from 'node:fs';
import { demoSignIn } from '../../src/lib/server/demo/data';
import { expect, scan, test } from './fixtures';
import { signIn, submit } from './support/sign-in';
import { keyFromBase32 } from './support/totp';

const EMAIL = 'admin@example.org';

/** Subject access (DOMAIN.md §7; SECURITY.md 24): find a young person, export their record, with step-up. */
test('a provider admin finds a young person and exports everything held about them', async ({ page, app }) => {
	const [pupil] = (await app.sql("SELECT display_name, surname_key, id FROM referral WHERE state = 'closed' AND display_name <> '' ORDER BY created_at LIMIT 1")).rows;
	const name = String(pupil?.display_name ?? '');
	await signIn(page, app, EMAIL);
	await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Subject access' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Subject access' })).toBeVisible();
	await scan(page);

	await page.getByRole('button', { name: 'Find' }).click();
	await expect(page.getByRole('link', { name: 'Enter a name, or a reference' })).toBeVisible();
	await expect(page).toHaveTitle(/^Error: /);
	await scan(page);

	await page.getByLabel('Name').fill(name.split(' ').at(-1) ?? '');
	await page.getByRole('button', { name: 'Find' }).click();
	await page.getByRole('table', { name: 'Referrals found' }).getByRole('link', { name }).first().click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	await scan(page);

	const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the PDF' }).click()]);
	expect(pdf.suggestedFilename()).toMatch(/^subject-access-[a-z0-9]+\.pdf$/);
	expect(readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-');

	// Sixteen minutes on, the export asks for a fresh authenticator code first (SECURITY.md 10).
	await app.sql('UPDATE auth_session SET mfa_verified_at = ? WHERE user_id = (SELECT id FROM user WHERE email = ?)', [Date.now() - 16 * 60_000, EMAIL]);
	await page.getByRole('link', { name: 'Download the JSON file' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Confirm it is you' })).toBeVisible();
	await page.getByLabel('Code from your app').fill(await app.codes.next(EMAIL, keyFromBase32(demoSignIn(EMAIL).totpSecret ?? '')));
	const [json] = await Promise.all([page.waitForEvent('download'), submit(page, page.getByRole('button', { name: 'Continue' }))]);
	const record = JSON.parse(readFileSync(await json.path(), 'utf8')) as { title: string; referrals: unknown[] };
	expect(record.title).toBe(`Subject access export: ${name}`);
	expect(record.referrals.length).toBeGreaterThan(0);
});
