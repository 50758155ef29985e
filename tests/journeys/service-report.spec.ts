import { financialQuarter, financialYearOf } from '../../src/lib/server/reports/periods';
import { expect, scan, test } from './fixtures';
import { signIn, submit } from './support/sign-in';

/** The label of the financial quarter holding today, as the report's period list shows it. */
function currentQuarterLabel(): string {
	const today = new Date().toISOString().slice(0, 10);
	const month = Number(today.slice(5, 7));
	const quarter = month >= 10 ? 3 : month >= 7 ? 2 : month >= 4 ? 1 : 4;
	return financialQuarter(financialYearOf(today), quarter).label;
}

test('a commissioner opens the service report, filters it by school and by financial quarter, and downloads it as CSV', async ({ page, app }) => {
	await signIn(page, app, 'commissioner@example.org');
	await expect(page.getByRole('heading', { level: 1, name: 'Service outcomes' })).toBeVisible();
	await scan(page);
	await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Reports' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Service report' })).toBeVisible();
	await expect(page.getByText(/^All schools, Financial year \d{4}\/\d{2}$/)).toBeVisible();
	for (const heading of ['Referrals by how the incident came to light', 'From referral to completion', 'No further known incident at 6 months', 'Costs avoided (estimate)', 'Equality']) {
		await expect(page.getByRole('heading', { name: heading, exact: true }).first()).toBeVisible();
	}
	await expect(page.getByText(/There is no control group/)).toBeVisible();
	await expect(page.getByText(/^Small numbers: Counts of 1 to 4 are shown as <5/)).toBeVisible();
	await expect(page.getByRole('img', { name: /^Referrals by school/ })).toBeVisible();
	await expect(page.getByRole('table', { name: /^Police contact within 6 months, known to the school or provider/ })).toBeVisible();
	await scan(page);

	await page.getByLabel('School', { exact: true }).selectOption({ label: 'Oakfield Academy' });
	await page.getByLabel('Period type', { exact: true }).selectOption({ label: 'Financial quarter' });
	await page.getByRole('button', { name: 'Show report' }).click();
	await expect(page.getByText(`Oakfield Academy, ${currentQuarterLabel()}`, { exact: true })).toBeVisible();
	await expect(page.getByRole('columnheader', { name: 'Oakfield Academy: Referrals' }).first()).toBeVisible();
	await expect(page.getByRole('columnheader', { name: 'Whole service: Referrals' }).first()).toBeVisible();
	await scan(page);

	const href = await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href');
	expect(href).toMatch(/^\/reports\/service\/report\.csv\?school=.+&kind=quarter&period=fq-\d{4}-[1-4]$/);
	const response = await page.request.get(href ?? '');
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
	const body = await response.body();
	expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const text = body.toString('utf8');
	expect(text).toContain('"School","Oakfield Academy"');
	expect(text).toContain('"Section","Measure","Table","Row","Column","Value","Definition","Not final"');
});

test('opened by its address, the report hydrates around its figures, and the filter then fetches the next report in place', async ({ page, app }) => {
	await signIn(page, app, 'commissioner@example.org');
	// A full page load: the body arrives as HTML only, and hydrating must keep it (rendered-section.ts).
	await page.goto('/reports/service');
	await page.waitForLoadState('networkidle');
	await expect(page.getByRole('heading', { name: 'From referral to completion', exact: true }).first()).toBeVisible();
	await expect(page.getByRole('img', { name: /^Referrals by school/ })).toBeVisible();
	// With JavaScript on, the GET form is a client-side navigation: the next body comes as data.
	const dataRequest = page.waitForResponse((r) => r.url().includes('/reports/service/__data.json'));
	await page.getByLabel('School', { exact: true }).selectOption({ label: 'Oakfield Academy' });
	await page.getByRole('button', { name: 'Show report' }).click();
	expect((await dataRequest).status()).toBe(200);
	await expect(page.getByText(/^Oakfield Academy, Financial year \d{4}\/\d{2}$/)).toBeVisible();
	await expect(page.getByRole('columnheader', { name: 'Oakfield Academy: Referrals' }).first()).toBeVisible();
	await scan(page);
});

test.describe('with JavaScript off', () => {
	test.use({ javaScriptEnabled: false });

	test('the filter form works: a commissioner picks a school and a financial quarter', async ({ page, app }) => {
		await signIn(page, app, 'commissioner@example.org');
		await page.goto('/reports/service');
		await expect(page.getByRole('heading', { level: 1, name: 'Service report' })).toBeVisible();
		await page.getByLabel('School', { exact: true }).selectOption({ label: 'Riverside Sixth Form College' });
		await page.getByLabel('Period type', { exact: true }).selectOption({ label: 'Financial quarter' });
		await page.getByLabel('Period', { exact: true }).selectOption({ label: currentQuarterLabel() });
		await page.getByRole('button', { name: 'Show report' }).click();
		await expect(page.getByText(`Riverside Sixth Form College, ${currentQuarterLabel()}`, { exact: true })).toBeVisible();
		await expect(page.getByLabel('School', { exact: true })).toHaveValue(/.+/);
		await scan(page);
	});
});

test('a provider admin sets the unit costs behind the estimate, and the report shows them with their source', async ({ page, app }) => {
	await signIn(page, app, 'admin@example.org');
	await page.goto('/admin/settings');
	await page.getByRole('link', { name: /^Change unit costs/i }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Unit costs' })).toBeVisible();
	await scan(page);
	await page.getByLabel('Cost of a day’s suspension, in pounds').fill('abc');
	await submit(page, page.getByRole('button', { name: 'Save' }));
	await expect(page).toHaveTitle(/^Error: /);
	await scan(page);
	await page.getByLabel('Cost of a day’s suspension, in pounds').fill('£250');
	await page.getByLabel('Where the cost of a day’s suspension comes from').fill('Northmoor Council unit costs 2026');
	await submit(page, page.getByRole('button', { name: 'Save' }));
	await expect(page).toHaveURL(/\/admin\/settings\?saved=unit-costs$/);
	await expect(page.getByText('A day’s suspension: £250')).toBeVisible();
	await scan(page);
	await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Reports' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Service report' })).toBeVisible();
	await expect(page.getByText('Source: Northmoor Council unit costs 2026')).toBeVisible();
	await scan(page);
});
