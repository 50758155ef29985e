import { expect, scan, test } from './fixtures';
import { answer } from './support/referral';
import { signIn, submit } from './support/sign-in';
import { answerIndicators, decide } from './support/triage';
import type { JourneyApp } from './support/server';

/**
 * Shortcut, to keep the journey short: assessment, sessions and registers have their own journeys.
 * After the case is triaged and accepted through the UI, this inserts a completed assessment with one
 * goal, and one session per core module of the case's pinned module set with the young person marked
 * present, and moves the case to "in programme" as start-assessment and start-programme would.
 */
async function attendEveryCoreModule(app: JourneyApp, referralId: string): Promise<void> {
	const [row] = (await app.sql('SELECT service_id, school_id, module_set_id, lead_youth_worker_id FROM referral WHERE id = ?', [referralId])).rows;
	if (!row) throw new Error('no referral');
	const [serviceId, schoolId, setId, by] = [row.service_id, row.school_id, row.module_set_id, row.lead_youth_worker_id].map(String) as [string, string, string, string];
	const now = Date.now();
	const scope: [string, string, string] = [referralId, serviceId, schoolId];
	await app.sql(
		'INSERT INTO assessment (id, referral_id, service_id, school_id, completed_at, completed_by, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
		[`journey-assessment-${referralId}`, ...scope, now, by, now, by, now, by]
	);
	await app.sql('INSERT INTO goal (id, referral_id, service_id, school_id, position, text) VALUES (?, ?, ?, ?, 1, ?)', [`journey-goal-${referralId}`, ...scope, 'Stay in lessons all week']);
	const modules = (await app.sql('SELECT id FROM programme_module WHERE module_set_id = ? AND core = 1', [setId])).rows;
	for (const [i, module] of modules.entries()) {
		const sessionId = `journey-session-${referralId}-${i}`;
		await app.sql(
			"INSERT INTO support_session (id, service_id, kind, date, start_time, starts_at, duration_minutes, mode, place, created_at, created_by, updated_at) VALUES (?, ?, 'group', '2026-11-10', '10:00', ?, 60, 'in_person', 'Youth centre', ?, ?, ?)",
			[sessionId, serviceId, now, now, by, now]
		);
		await app.sql('INSERT INTO support_session_module (session_id, module_id) VALUES (?, ?)', [sessionId, module.id as string]);
		await app.sql("INSERT INTO support_session_attendee (id, session_id, referral_id, service_id, school_id, attendance, added_at, added_by) VALUES (?, ?, ?, ?, ?, 'present', ?, ?)", [
			`${sessionId}-attendee`,
			sessionId,
			...scope,
			now,
			by
		]);
	}
	await app.sql("UPDATE referral SET state = 'in_programme', version = version + 2 WHERE id = ?", [referralId]);
}

test('a youth worker confirms a completion and issues the certificate; the school downloads it, the public check says Valid, then Revoked', async ({ page, app, browser }) => {
	const [pupil] = (await app.sql("SELECT r.id FROM referral r JOIN school s ON s.id = r.school_id WHERE s.name = 'Oakfield Academy' AND r.state = 'submitted' AND r.social_worker = 'none'")).rows;
	const referralId = pupil?.id as string;
	const caseUrl = `/referrals/${referralId}`;

	await signIn(page, app, 'youthworker@example.org');
	await page.goto(caseUrl);
	await page.getByRole('link', { name: 'Start triage' }).click();
	await answerIndicators(page, []);
	await decide(page, { level: '1 – universal', decision: 'Accept' });
	await expect(page.getByText('Accepted', { exact: true }).first()).toBeVisible();
	await attendEveryCoreModule(app, referralId);

	await page.goto(caseUrl);
	const panel = page.getByRole('region', { name: 'Outcome' });
	await expect(panel).toContainText('No outcome recorded yet');
	await scan(page);
	await panel.getByRole('link', { name: 'Record the outcome' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Record the outcome' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Proposed outcome: Completed' })).toBeVisible();
	await scan(page);

	// Choosing another outcome than the one proposed needs a reason.
	await page.waitForLoadState('networkidle');
	await answer(page, 'What is the outcome?', 'Partially completed');
	await answer(page, 'Stay in lessons all week', 'Achieved');
	await submit(page, page.getByRole('button', { name: 'Record the outcome' }));
	await expect(page).toHaveTitle(/^Error: /);
	await expect(page.getByRole('link', { name: 'Give a reason for choosing partially completed instead of completed' })).toBeVisible();
	await scan(page);

	await answer(page, 'What is the outcome?', 'Completed (proposed)');
	await submit(page, page.getByRole('button', { name: 'Record the outcome' }));
	await expect(page).toHaveURL(new RegExp(`${caseUrl}#outcome$`));
	await expect(panel).toContainText('Completed');
	await expect(panel).toContainText('Achieved');

	await panel.getByRole('link', { name: 'Issue the certificate' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Issue the certificate' })).toBeVisible();
	await scan(page);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Name to print on the certificate').fill('王小明');
	await submit(page, page.getByRole('button', { name: 'Issue the certificate' }));
	await expect(page.getByRole('link', { name: /We cannot print “王”/ })).toBeVisible();
	await scan(page);
	await page.getByLabel('Name to print on the certificate').fill('Zoë Pupil');
	await submit(page, page.getByRole('button', { name: 'Issue the certificate' }));
	await expect(panel).toContainText('Issued');
	const code = (await panel.textContent())?.match(/code ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/)?.[1] ?? '';
	expect(code).not.toBe('');
	await scan(page);

	const schoolContext = await browser.newContext({ baseURL: app.url });
	const dsl = await schoolContext.newPage();
	await signIn(dsl, app, 'dsl.oakfield@example.org');
	await dsl.goto(caseUrl);
	const schoolPanel = dsl.getByRole('region', { name: 'Outcome' });
	await expect(schoolPanel).toContainText('Completed');
	await expect(schoolPanel).not.toContainText('Stay in lessons all week');
	await scan(dsl);
	const href = await schoolPanel.getByRole('link', { name: 'Download the certificate (PDF)' }).getAttribute('href');
	const pdf = await dsl.request.get(href ?? '');
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

	const publicContext = await browser.newContext({ baseURL: app.url });
	const visitor = await publicContext.newPage();
	await visitor.goto('/check');
	await expect(visitor.getByRole('heading', { level: 1, name: 'Check a certificate' })).toBeVisible();
	await scan(visitor);
	await visitor.waitForLoadState('networkidle');
	await visitor.getByLabel('Verification code').fill(code.toLowerCase());
	await visitor.getByRole('button', { name: 'Check the certificate' }).click();
	await expect(visitor).toHaveURL(new RegExp(`/check/${code}$`));
	await expect(visitor.getByText('Valid', { exact: true })).toBeVisible();
	await expect(visitor.getByText('Z. P.', { exact: true })).toBeVisible();
	await expect(visitor.locator('body')).not.toContainText('Zoë');
	await expect(visitor.locator('body')).not.toContainText('Oakfield');
	await scan(visitor);

	await page.getByRole('link', { name: 'Revoke the certificate' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Revoke the certificate' })).toBeVisible();
	await scan(page);
	await page.getByLabel('Why is the certificate revoked?').fill('Issued with the wrong spelling of the name');
	await submit(page, page.getByRole('button', { name: 'Revoke the certificate' }));
	await expect(panel).toContainText('Revoked');

	await visitor.reload();
	await expect(visitor.getByText('Revoked', { exact: true })).toBeVisible();
	await scan(visitor);
	await dsl.reload();
	await expect(schoolPanel).toContainText('Revoked');
	await expect(schoolPanel.getByRole('link', { name: 'Download the certificate (PDF)' })).toHaveCount(0);
	expect((await dsl.request.get(href ?? '')).status()).toBe(404);
	await publicContext.close();
	await schoolContext.close();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the check form says what is wrong with a mistyped code, and an unknown code has no certificate', async ({ page }) => {
		await page.goto('/check');
		await page.getByLabel('Verification code').fill('7K3M-Q9XD');
		await page.getByRole('button', { name: 'Check the certificate' }).click();
		await expect(page).toHaveTitle(/^Error: /);
		await expect(page.getByRole('link', { name: /Enter the code as it is printed/ })).toBeVisible();
		await expect(page.getByLabel('Verification code')).toHaveValue('7K3M-Q9XD');
		await scan(page);
		await page.getByLabel('Verification code').fill('0000-0000-0000');
		await page.getByRole('button', { name: 'Check the certificate' }).click();
		await expect(page.getByText('No certificate with this code is held.', { exact: false })).toBeVisible();
		await scan(page);
	});
});
