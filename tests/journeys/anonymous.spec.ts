import { expect, scan, test } from './fixtures';
import { appRouteIds, examplePath } from './support/routes';

// Independent tests: spread them over both workers (each worker starts its own copy of the app).
test.describe.configure({ mode: 'parallel' });

/** Every page and endpoint under src/routes/(app), found from the files, with made-up parameters. */
const paths = appRouteIds().map((id) => examplePath(id));

test('there are signed-in routes to check', () => {
	expect(paths).toContain('/home');
});

for (const path of paths) {
	test(`an anonymous visitor to ${path} is sent to sign in, with the page to come back to`, async ({ page }) => {
		await page.goto(path);
		await expect(page).toHaveURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === path);
		await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Divert for Schools' })).toBeVisible();
		await scan(page);
	});
}
