import { expect, scan, test } from './fixtures';
import { signIn, submitCode, submitPassword } from './support/sign-in';

const ADMIN = 'admin@example.org';

test('a form sent after the idle timeout is kept, and is back with what was typed after signing in again', async ({ page, app }) => {
	await signIn(page, app, ADMIN);
	await page.goto('/admin/schools/new');
	await expect(page.getByRole('heading', { level: 1, name: 'Add a school or college' })).toBeVisible();
	await scan(page);
	await page.getByLabel('Name').fill('Moorside Academy');
	await page.getByLabel('URN (unique reference number)').fill('900199');
	await page.getByLabel('Type').selectOption('Academy');
	await page.getByLabel('Phase').selectOption('Secondary');
	await page.getByLabel('Local authority').fill('Northmoor Council');

	// 31 minutes pass without activity (SECURITY.md 8: the idle timeout is 30 minutes).
	await app.sql(
		"UPDATE auth_session SET last_active_at = ? WHERE user_id = (SELECT id FROM user WHERE email = ?)",
		[Date.now() - 31 * 60_000, ADMIN]
	);
	await page.getByRole('button', { name: 'Add school or college' }).click();

	await expect(page).toHaveURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/admin/schools/new');
	await expect(page.getByRole('region', { name: 'Important' })).toContainText('We have kept what you typed');
	await scan(page);
	await submitPassword(page, ADMIN);
	await submitCode(page, app, ADMIN);

	await expect(page).toHaveURL(/\/admin\/schools\/new$/);
	await expect(page.getByLabel('Name')).toHaveValue('Moorside Academy');
	await expect(page.getByLabel('URN (unique reference number)')).toHaveValue('900199');
	await expect(page.getByLabel('Type')).toHaveValue('Academy');
	await expect(page.getByLabel('Phase')).toHaveValue('Secondary');
	await expect(page.getByLabel('Local authority')).toHaveValue('Northmoor Council');
	await scan(page);

	// Nothing was saved while signed out: the school is added only now.
	const saved = await app.sql("SELECT count(*) AS n FROM school WHERE urn = '900199'");
	expect(saved.rows[0]?.n).toBe(0);
	await page.getByRole('button', { name: 'Add school or college' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Moorside Academy' })).toBeVisible();
	await scan(page);
});
