import { expect, scan, test } from './fixtures';
import { signIn, submit } from './support/sign-in';

/**
 * Retention (DOMAIN.md §7): the demo holds three old closed cases due for review, one on legal hold.
 * A provider admin lifts the hold, keeps one record longer, deletes another after checking what will
 * go, and changes the retention period.
 */
test('a provider admin reviews records due for retention: lifts a hold, keeps one longer, deletes one', async ({ page, app }) => {
	await signIn(page, app, 'admin@example.org');
	await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Retention' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Retention' })).toBeVisible();
	const due = page.getByRole('table', { name: 'Records due for review' });
	await expect(due.getByRole('row')).toHaveCount(4);
	await expect(due).toContainText('Child protection: kept until the 25th birthday');
	await scan(page);

	await page.getByRole('link', { name: 'On legal hold' }).click();
	const held = page.getByRole('table', { name: 'Records on legal hold' });
	await expect(held.getByRole('row')).toHaveCount(2);
	await scan(page);
	await held.getByRole('link').first().click();
	await expect(page.getByRole('heading', { level: 1, name: /^Retention of record / })).toBeVisible();
	await expect(page.getByText('The family’s solicitor has asked')).toBeVisible();
	await scan(page);

	// Lifting the hold needs a reason.
	await page.getByRole('link', { name: 'Lift the legal hold' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Lift the legal hold' })).toBeVisible();
	await scan(page);
	await page.waitForLoadState('networkidle');
	await submit(page, page.getByRole('button', { name: 'Lift the legal hold' }));
	await expect(page.getByRole('alert').getByRole('link', { name: 'Enter the reason' })).toBeVisible();
	await expect(page).toHaveTitle(/^Error: /);
	await scan(page);
	await page.getByLabel('Why is the hold lifted?').fill('The claim was withdrawn (journey).');
	await submit(page, page.getByRole('button', { name: 'Lift the legal hold' }));
	await expect(page.getByText('Legal hold lifted')).toBeVisible();
	await scan(page);

	// Keep it longer: a date before today is refused, a later one kept with the reason.
	await page.getByRole('link', { name: 'Keep the record longer' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Keep the record longer' })).toBeVisible();
	await scan(page);
	const next = new Date().getUTCFullYear() + 2;
	await page.getByLabel('Day').fill('1');
	await page.getByLabel('Month').fill('3');
	await page.getByLabel('Year').fill('2020');
	await page.getByLabel('Why is the record kept longer?').fill('The school asked us to keep it while a complaint is open (journey).');
	await submit(page, page.getByRole('button', { name: 'Keep the record' }));
	await expect(page.getByRole('alert').getByRole('link', { name: /^The new review date must be after/ })).toBeVisible();
	await expect(page.getByLabel('Why is the record kept longer?')).toHaveValue('The school asked us to keep it while a complaint is open (journey).');
	await scan(page);
	await page.getByLabel('Year').fill(String(next));
	await submit(page, page.getByRole('button', { name: 'Keep the record' }));
	await expect(page.getByText('Review date extended')).toBeVisible();
	await expect(page.getByText(`1 March ${next}`)).toBeVisible();

	// Delete another record, after checking what goes and what stays.
	await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Retention' }).click();
	await expect(due.getByRole('row')).toHaveCount(3);
	await due.getByRole('row').filter({ hasText: 'Diversion only' }).getByRole('link').click();
	await expect(page.getByRole('heading', { level: 1, name: /^Retention of record / })).toBeVisible();
	await page.getByRole('link', { name: 'Delete the record' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Check before deleting the record' })).toBeVisible();
	await expect(page.getByText('The anonymised statistics row, so past reports do not change.')).toBeVisible();
	await scan(page);
	await submit(page, page.getByRole('button', { name: 'Delete the record' }));
	await expect(page.getByText('Record deleted')).toBeVisible();
	await expect(due.getByRole('row')).toHaveCount(2);
	await scan(page);
});

test('a provider admin changes how long diversion-only records are kept', async ({ page, app }) => {
	await signIn(page, app, 'admin@example.org');
	await page.goto('/admin/settings');
	await page.getByRole('link', { name: 'Change keeping records' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Keeping records' })).toBeVisible();
	await scan(page);
	await page.waitForLoadState('networkidle');
	const years = page.getByLabel('Years to keep a diversion-only record after its case closes');
	await years.fill('30');
	await submit(page, page.getByRole('button', { name: 'Save' }));
	await expect(page.getByRole('alert').getByRole('link', { name: 'Number of years must be between 1 and 25' })).toBeVisible();
	await scan(page);
	await years.fill('4');
	await submit(page, page.getByRole('button', { name: 'Save' }));
	await expect(page.getByText('Keeping records saved')).toBeVisible();
	await expect(page.getByText('Diversion only: reviewed 4 years after the case closes')).toBeVisible();
});

test.describe('with JavaScript off', () => {
	test.use({ javaScriptEnabled: false });

	test('a provider admin places a legal hold, with a reason', async ({ page, app }) => {
		await signIn(page, app, 'admin@example.org');
		await page.goto('/admin/retention');
		await page.getByRole('table', { name: 'Records due for review' }).getByRole('row').filter({ hasText: 'Child protection' }).getByRole('link').click();
		await page.getByRole('link', { name: 'Place a legal hold' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Place a legal hold' })).toBeVisible();
		await scan(page);
		await submit(page, page.getByRole('button', { name: 'Place a legal hold' }));
		await expect(page.getByRole('link', { name: 'Enter the reason' })).toBeVisible();
		await scan(page);
		await page.getByLabel('Why is the record held?').fill('An inquiry has asked for the record (journey).');
		await submit(page, page.getByRole('button', { name: 'Place a legal hold' }));
		await expect(page.getByText('Legal hold placed')).toBeVisible();
		await expect(page.getByRole('link', { name: 'Delete the record' })).toHaveCount(0);
		await scan(page);
		// The case page shows the admin the same, with the way back.
		await page.getByRole('link', { name: 'Open the case' }).click();
		const panel = page.getByRole('region', { name: 'Retention' });
		await expect(panel.getByText('Legal hold', { exact: true })).toBeVisible();
		await expect(panel).toContainText('child protection: kept until the 25th birthday');
		await scan(page);
		await panel.getByRole('link', { name: 'Manage retention and legal hold' }).click();
		await expect(page.getByRole('heading', { level: 1, name: /^Retention of record / })).toBeVisible();
	});
});
