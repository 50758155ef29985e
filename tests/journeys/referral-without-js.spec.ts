import { expect, scan, test } from './fixtures';
import { makeCompleteDraft } from './support/referral';
import { signIn, submit } from './support/sign-in';

test.use({ javaScriptEnabled: false });

test('a DSL makes a referral from start to submission with JavaScript off', async ({ page, app }) => {
	await signIn(page, app, 'dsl.oakfield@example.org');
	await makeCompleteDraft(page, 'Nojs');
	await page.getByRole('link', { name: 'Check answers and submit' }).click();
	await scan(page);
	await submit(page, page.getByRole('button', { name: 'Submit the referral' }));
	await expect(page.getByRole('heading', { name: 'Referral submitted' })).toBeVisible();
	await scan(page);
});
