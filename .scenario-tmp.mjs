export default async function run(page, BASE) {
	const shot = async (name) => page.screenshot({ path: `/tmp/settings-check/s_${name}.png`, fullPage: true });
	// Modules: add another, move, save with blank title
	await page.goto(`${BASE}/admin/settings/modules`);
	await page.getByRole('button', { name: 'Add another module' }).click();
	console.log('after add: titles', await page.locator('input[name=titles]').count(), await page.title());
	await page.locator('input[name=titles]').nth(3).fill('Vaping and nitrous oxide');
	await page.getByRole('button', { name: 'Move up module 4' }).click();
	console.log('after move:', await page.locator('input[name=titles]').evaluateAll((els) => els.map((e) => e.value)));
	await page.locator('input[name=titles]').nth(0).fill('');
	await page.getByRole('button', { name: 'Save modules' }).click();
	console.log('blank save:', await page.title(), await page.locator('.govuk-error-summary').innerText());
	await shot('modules-error');
	await page.locator('input[name=titles]').nth(0).fill('Drug-specific harm reduction advice');
	await page.locator('input[name=titles]').nth(0).press('Enter');
	await page.waitForLoadState();
	console.log('enter saves:', page.url(), await page.locator('.govuk-notification-banner').innerText().catch(() => 'no banner'));
	// Term dates errors
	await page.goto(`${BASE}/admin/settings/term-dates/2030`);
	await page.locator('#autumnStartDay').fill('3');
	await page.locator('#autumnStartMonth').fill('9');
	await page.locator('#autumnStartYear').fill('2030');
	await page.locator('#autumnEndDay').fill('31');
	await page.locator('#autumnEndMonth').fill('2');
	await page.locator('#autumnEndYear').fill('2030');
	await page.locator('#springStartDay').fill('5');
	await page.getByRole('button', { name: 'Save term dates' }).click();
	console.log('term errors:', await page.title(), (await page.locator('.govuk-error-summary').innerText()).replace(/\n+/g, ' | '));
	await shot('terms-error');
	// Bank holiday
	await page.goto(`${BASE}/admin/settings/bank-holidays`);
	await page.locator('#dateDay').fill('4');
	await page.locator('#dateYear').fill('2029');
	await page.getByLabel('Name').fill('Extra');
	await page.getByRole('button', { name: 'Add bank holiday' }).click();
	console.log('holiday error:', (await page.locator('.govuk-error-summary').innerText()).replace(/\n+/g, ' | '));
	await page.locator('#dateMonth').fill('6');
	await page.getByRole('button', { name: 'Add bank holiday' }).click();
	await page.waitForLoadState();
	console.log('holiday added:', page.url(), await page.locator('.govuk-notification-banner').innerText().catch(() => 'no banner'));
	await page.getByRole('button', { name: /Remove Extra/ }).click();
	await page.waitForLoadState();
	console.log('holiday removed:', page.url());
	// Eligibility cross-field
	await page.goto(`${BASE}/admin/settings/eligibility`);
	await page.getByLabel('First school year').fill('11');
	await page.getByLabel('Last school year').fill('nine');
	await page.getByRole('button', { name: 'Save' }).click();
	console.log('eligibility:', await page.title(), (await page.locator('.govuk-error-summary').innerText()).replace(/\n+/g, ' | '), await page.getByLabel('Last school year').inputValue());
	// Programme name save
	await page.goto(`${BASE}/admin/settings/programme-name`);
	await page.getByLabel('Programme name').fill('North Riding DIVERT');
	await page.getByRole('button', { name: 'Save' }).click();
	await page.waitForURL(/saved/);
	console.log('programme saved:', page.url(), await page.locator('.govuk-notification-banner').innerText());
	// Local numbers
	await page.goto(`${BASE}/admin/settings/local-numbers`);
	await page.getByRole('link', { name: 'Add numbers for another local authority' }).click();
	await page.getByLabel('Local authority').fill('Eastmoor Council');
	await page.getByLabel(/^MASH/).fill('0121-303');
	await page.getByRole('button', { name: 'Save numbers' }).click();
	console.log('numbers error:', (await page.locator('.govuk-error-summary').innerText()).replace(/\n+/g, ' | '));
	await shot('numbers-error');
	// Audit filter
	await page.goto(`${BASE}/admin/audit`);
	await page.getByLabel('Action').selectOption('settings.changed');
	await page.getByRole('button', { name: 'Apply filters' }).click();
	await page.waitForLoadState();
	console.log('audit filtered:', page.url(), await page.locator('tbody tr').count());
	await shot('audit-filtered');
	await page.goto(`${BASE}/admin/audit?fromDay=31&fromMonth=2&fromYear=2026`);
	console.log('audit bad date:', await page.title(), (await page.locator('.govuk-error-summary').innerText()).replace(/\n+/g, ' | '));
	const exportLink = page.getByRole('link', { name: 'Export CSV' });
	await page.goto(`${BASE}/admin/audit?action=settings.changed`);
	const href = await exportLink.getAttribute('href');
	const res = await page.request.get(`${BASE}${href}`, { maxRedirects: 0 });
	console.log('export:', href, res.status(), res.headers()['location'] ?? '', res.headers()['content-type'] ?? '');
	if (res.status() === 200) console.log((await res.text()).slice(0, 400));
}
