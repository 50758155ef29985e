import { expect, scan, test } from './fixtures';
import { signIn } from './support/sign-in';

test('a governor opens their school’s report from home, changes the period to a term, and downloads the PDF pack and the CSV', async ({ page, app }) => {
	await signIn(page, app, 'governor.oakfield@example.org');
	await expect(page.getByRole('heading', { level: 1, name: 'Exclusion-avoidance report' })).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Report' })).toBeVisible();
	await scan(page);

	await page.getByRole('link', { name: 'Open your school’s exclusion-avoidance report' }).click();
	await expect(page).toHaveURL(/\/reports\/school\/[^/]+$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Exclusion-avoidance report' })).toBeVisible();
	await expect(page.getByText('Oakfield Academy', { exact: true })).toBeVisible();
	await expect(page.getByRole('rowheader', { name: /^Referrals/ })).toBeVisible();
	await expect(page.getByText(/Counts of 1 to \d+ are shown as </)).toBeVisible();
	await expect(page.getByText(/There is no control group/)).toBeVisible();
	await expect(page.getByRole('img', { name: /Referrals and completions by period/ })).toBeVisible();
	await expect(page.getByRole('table', { name: 'Sex' })).toBeVisible();
	await scan(page);

	// The period form is a plain GET form: it works the same with or without JavaScript.
	const period = page.getByRole('combobox', { name: 'Period' });
	const term = (await period.getByRole('option', { name: /term/ }).first().textContent())?.trim() ?? '';
	expect(term).toMatch(/term \d{4}\/\d{2}$/);
	await period.selectOption({ label: term });
	await page.getByRole('button', { name: 'Show this period' }).click();
	await expect(page).toHaveURL(/\?period=term-\d{4}-\w+$/);
	// The period is named under the heading (and again in the tables' column headings).
	await expect(page.getByText(new RegExp(`^${term}(, with .+ beside it)?$`)).first()).toBeVisible();
	await expect(period).toHaveValue(/^term-/);
	await scan(page);

	const pdfHref = await page.getByRole('link', { name: 'Report pack (PDF)' }).getAttribute('href');
	expect(pdfHref).toMatch(/\/report\.pdf\?period=term-/);
	const pdf = await page.request.get(pdfHref ?? '');
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

	const csvHref = await page.getByRole('link', { name: 'Figures for a spreadsheet (CSV)' }).getAttribute('href');
	const csv = await page.request.get(csvHref ?? '');
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
	expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="exclusion-avoidance-report-term-/);
	const text = await csv.text();
	expect(text).toContain('"Exclusion-avoidance report","Oakfield Academy"');
	expect(text).toContain(`"Period","${term}"`);
	expect(text).toContain('"Referrals",');
});

test('a provider admin picks a school from the list of school reports and opens its report', async ({ page, app }) => {
	await signIn(page, app, 'admin@example.org');
	await page.goto('/reports/school');
	await expect(page.getByRole('heading', { level: 1, name: 'School reports' })).toBeVisible();
	await scan(page);
	await page.getByRole('link', { name: 'Riverside Sixth Form College' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Exclusion-avoidance report' })).toBeVisible();
	await expect(page.getByText('Riverside Sixth Form College', { exact: true })).toBeVisible();
	await scan(page);
});

test('a report opened by its address keeps its figures once the page has hydrated, and still warns before the idle timeout', async ({ page, app }) => {
	await page.clock.install();
	await signIn(page, app, 'governor.oakfield@example.org');
	const href = await page.getByRole('link', { name: 'Open your school’s exclusion-avoidance report' }).getAttribute('href');
	// A full page load: the report's body arrives as HTML only, and hydrating must keep it (rendered-section.ts).
	await page.goto(href ?? '');
	await page.waitForLoadState('networkidle');
	await expect(page.getByRole('table', { name: 'Sex' })).toBeVisible();
	await expect(page.getByRole('rowheader', { name: /^Referrals/ })).toBeVisible();
	// The timeout warning is the page's own script: it shows only on a page that hydrated.
	await page.clock.fastForward('25:30');
	await expect(page.getByRole('dialog', { name: 'You will be signed out soon' })).toBeVisible();
	await page.getByRole('button', { name: 'Stay signed in' }).click();
	await expect(page.getByRole('dialog', { name: 'You will be signed out soon' })).toBeHidden();
	await expect(page.getByRole('table', { name: 'Sex' })).toBeVisible();
	await expect(page.getByRole('img', { name: /Referrals and completions by period/ })).toBeVisible();
	await scan(page);
});
