import { expect, scan, test } from './fixtures';
import { answer, completeSection, fillConsent, fillDecision, fillFamily, fillIncident, fillPupil } from './support/referral';
import { signIn, submit } from './support/sign-in';

test('a red flag shows what to do now and blocks submission until the action is recorded', async ({ page, app }) => {
	await signIn(page, app, 'dsl.oakfield@example.org');
	await page.goto('/referrals/new');
	await submit(page, page.getByRole('button', { name: 'Start now' }));
	await answer(page, /Does the pupil need medical help now/, 'No');
	await answer(page, /disclosed abuse/, 'Yes');
	await answer(page, /signs of supply/, 'No');
	await answer(page, /any other immediate risk/, 'No');
	await expect(page.getByRole('heading', { name: 'Act now' })).toBeVisible();
	await expect(page.getByText(/Call the MASH .* on 01632/)).toBeVisible();
	await scan(page);
	await submit(page, page.getByRole('button', { name: 'Save and continue' }));
	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary.getByRole('link', { name: /Record what you did about the immediate risk/ })).toBeVisible();
	await expect(page).toHaveTitle(/^Error: /);
	await scan(page);
	await page.getByRole('link', { name: 'Back to the referral' }).click();
	for (const [title, fill] of [
		['About the pupil', fillPupil],
		['Parents and carers', fillFamily],
		['The incident', fillIncident],
		['The headteacher’s decision', fillDecision],
		['Consent', fillConsent]
	] as const) {
		await completeSection(page, title, fill);
	}
	await page.getByRole('link', { name: 'Check answers and submit' }).click();
	await submit(page, page.getByRole('button', { name: 'Submit the referral' }));
	await expect(page.getByRole('heading', { name: 'You cannot submit the referral yet' })).toBeVisible();
	await scan(page);
	await page.getByRole('link', { name: 'Complete “Immediate safety check”' }).click();
	await page.getByLabel('What did you do about the immediate risk?').fill('Called the MASH at 11:05; they advised a written referral, sent at 11:30');
	await submit(page, page.getByRole('button', { name: 'Save and continue' }));
	await page.getByRole('link', { name: 'Check answers and submit' }).click();
	await submit(page, page.getByRole('button', { name: 'Submit the referral' }));
	await expect(page.getByRole('heading', { name: 'Referral submitted' })).toBeVisible();
});

test('invalid input shows the error summary and keeps what was typed', async ({ page, app }) => {
	await signIn(page, app, 'deputy.oakfield@example.org');
	await page.goto('/referrals/new');
	await submit(page, page.getByRole('button', { name: 'Start now' }));
	await page.goto(page.url().replace(/safety$/, 'pupil'));
	await page.getByLabel('Legal first name').fill('Kept');
	await page.getByLabel('Postcode').fill('XX99 9XX9');
	await submit(page, page.getByRole('button', { name: 'Save and continue' }));
	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary.getByRole('link', { name: 'Enter a real postcode, like LS1 4AP' })).toBeVisible();
	await expect(summary.getByRole('link', { name: 'Enter the pupil’s legal last name' })).toBeVisible();
	await expect(page.getByLabel('Legal first name')).toHaveValue('Kept');
	await expect(page.getByLabel('Postcode')).toHaveValue('XX99 9XX9');
	await scan(page);
});
