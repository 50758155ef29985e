import type { Page } from '@playwright/test';
import { expect, scan, test } from './fixtures';
import type { JourneyApp } from './support/server';
import { signIn } from './support/sign-in';

async function idOf(app: JourneyApp, statement: string, value: string): Promise<string> {
	const result = await app.sql(statement, [value]);
	const id = result.rows[0]?.id;
	if (typeof id !== 'string') throw new Error(`No row for ${value}`);
	return id;
}
const schoolId = (app: JourneyApp, urn: string) => idOf(app, 'SELECT id FROM school WHERE urn = ?', urn);
const userId = (app: JourneyApp, email: string) => idOf(app, 'SELECT id FROM user WHERE email = ?', email);

async function expectNotFound(page: Page, path: string): Promise<void> {
	const response = await page.goto(path);
	expect(response?.status(), path).toBe(404);
	await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
	await expect(page).toHaveTitle('Page not found – Divert for Schools');
	await scan(page, { errorPage: true });
}

test('a DSL asking for pages of another school, or of the provider, gets "Page not found"', async ({ page, app }) => {
	const otherSchool = await schoolId(app, '900103'); // Riverside, same service
	const otherService = await schoolId(app, '900201'); // Valley Park, the second service
	const ownSchool = await schoolId(app, '900101'); // Oakfield, the DSL's own
	await signIn(page, app, 'dsl.oakfield@example.org');
	await expect(page).toHaveURL(/\/home$/);
	for (const path of [`/admin/schools/${otherSchool}`, `/admin/schools/${otherService}`, `/admin/schools/${ownSchool}`, '/admin/users', `/admin/users/${await userId(app, 'dsl.riverside@example.org')}`]) {
		await expectNotFound(page, path);
	}
});

test('a provider admin sees their own service’s schools and users, and "Page not found" for the other service’s', async ({ page, app }) => {
	await signIn(page, app, 'admin@example.org');
	// The same pages exist and work for records in the admin's own service…
	await page.goto(`/admin/schools/${await schoolId(app, '900101')}`);
	await expect(page.getByRole('heading', { level: 1, name: 'Oakfield Academy' })).toBeVisible();
	await scan(page);
	// …but a record of the other service is not found, as if it did not exist.
	await expectNotFound(page, `/admin/schools/${await schoolId(app, '900201')}`);
	await expectNotFound(page, `/admin/users/${await userId(app, 'dsl.valleypark@example.org')}`);
});
