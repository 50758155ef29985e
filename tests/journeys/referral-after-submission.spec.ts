import { expect, scan, test } from './fixtures';
import { signIn, submit } from './support/sign-in';

test('a DSL records a withdrawn consent, then withdraws a referral with a reason', async ({ page, app }) => {
	await signIn(page, app, 'dsl.oakfield@example.org');
	await page.goto('/home?state=submitted');
	await scan(page);
	const table = page.getByRole('table', { name: 'Your school’s referrals' });
	await table.getByRole('link').first().click();
	await expect(page.getByText('Submitted', { exact: true }).first()).toBeVisible();
	await scan(page);

	await page.getByRole('link', { name: 'Record withdrawal' }).nth(2).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Record that consent to share progress with the school was withdrawn' })).toBeVisible();
	await scan(page);
	await submit(page, page.getByRole('button', { name: 'Record the withdrawal' }));
	await expect(page.getByRole('alert').getByRole('link', { name: 'Enter the reason' })).toBeVisible();
	await scan(page);
	await page.getByLabel('Who withdrew it, how, and why').fill('Parent phoned on 4 November and asked us to stop sharing progress');
	await submit(page, page.getByRole('button', { name: 'Record the withdrawal' }));
	await expect(page.getByRole('table', { name: 'Consents recorded' })).toContainText('Withdrawn');
	await expect(page.getByText('There is no consent to share progress with the school')).toBeVisible();

	await page.getByRole('link', { name: 'Withdraw the referral' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Withdraw the referral' })).toBeVisible();
	await scan(page);
	await submit(page, page.getByRole('button', { name: 'Withdraw the referral' }));
	await expect(page.getByRole('alert').getByRole('link', { name: 'Enter the reason' })).toBeVisible();
	await page.getByLabel('Why is the referral being withdrawn?').fill('The family has moved out of the area');
	await submit(page, page.getByRole('button', { name: 'Withdraw the referral' }));
	await expect(page.getByText('Withdrawn', { exact: true }).first()).toBeVisible();
	await expect(page.getByText('The family has moved out of the area').first()).toBeVisible();
	await scan(page);
});

test('a DSL discards a draft after confirming', async ({ page, app }) => {
	await signIn(page, app, 'deputy.oakfield@example.org');
	await page.goto('/home?state=draft');
	await page.getByRole('table', { name: 'Your school’s referrals' }).getByRole('link').first().click();
	await expect(page.getByRole('list').filter({ hasText: 'Immediate safety check' })).toBeVisible();
	await scan(page);
	await page.getByRole('link', { name: 'Discard this draft' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Are you sure you want to discard this draft?' })).toBeVisible();
	await scan(page);
	await submit(page, page.getByRole('button', { name: 'Yes, discard the draft' }));
	await expect(page.getByText('The draft was discarded.')).toBeVisible();
	await scan(page);
});

test('a youth worker sees new referrals awaiting triage, soonest first, and a proposed match', async ({ page, app }) => {
	await signIn(page, app, 'youthworker@example.org');
	const queue = page.getByRole('table', { name: 'New referrals awaiting triage, soonest due first' });
	await expect(queue).toContainText('Riverside Sixth Form College');
	await expect(queue).toContainText('Castlegate School');
	await expect(queue).not.toContainText('Valley Park Academy');
	await scan(page);
	await queue.getByRole('row').filter({ hasText: 'Castlegate School' }).getByRole('link').click();
	await expect(page.getByRole('heading', { name: 'Possible earlier referral of the same young person' })).toBeVisible();
	await scan(page);
	await submit(page, page.getByRole('button', { name: 'Same young person' }));
	await expect(page.getByText('Confirmed as the same young person as an earlier referral')).toBeVisible();
});
