import { randomBytes } from 'node:crypto';
import { expect, scan, test } from './fixtures';
import { noScriptPages } from './support/axe';
import { answer } from './support/referral';
import { signIn, submit } from './support/sign-in';
import { answerIndicators, decide, openFromQueue } from './support/triage';

const id = () => randomBytes(10).toString('hex');

test('a DSL records a due follow-up from their home page, and the case closes; the provider sees its follow-ups', async ({ page, app, browser }) => {
	// A youth worker accepts an Oakfield referral through the real triage pages.
	await signIn(page, app, 'youthworker@example.org');
	await openFromQueue(page, 'Oakfield Academy');
	const caseUrl = page.url();
	const referralId = new URL(caseUrl).pathname.split('/').pop() ?? '';
	await page.getByRole('link', { name: 'Start triage' }).click();
	await answerIndicators(page, []);
	await decide(page, { level: '1 – universal', decision: 'Accept' });
	await expect(page.getByText('Accepted', { exact: true }).first()).toBeVisible();

	// Shortcut: assessment, sessions and the outcome belong to other journeys. Write the outcome and a
	// 6-month follow-up that has fallen due straight into the database, in the state the follow-up job
	// leaves them (state follow_up_due, prompted), rather than running the programme through the UI.
	const now = Date.now();
	await app.sql(
		`insert into case_outcome (id, referral_id, service_id, school_id, proposed, outcome, outcome_on, recorded_at, recorded_by)
		 select ?, id, service_id, school_id, 'completed', 'completed', '2026-01-15', ?, 'journey' from referral where id = ?`,
		[id(), now, referralId]
	);
	await app.sql(
		`insert into follow_up (id, referral_id, service_id, school_id, months, due_on, due_at, prompted_at, chase_at, close_at)
		 select ?, id, service_id, school_id, 6, '2026-07-15', ?, ?, ?, ? from referral where id = ?`,
		[id(), now - 60_000, now, now + 14 * 86_400_000, now + 42 * 86_400_000, referralId]
	);
	await app.sql(`update referral set state = 'follow_up_due', version = version + 1 where id = ?`, [referralId]);

	// The provider's list of follow-ups across the service.
	await page.getByRole('link', { name: 'Follow-ups' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Follow-ups' })).toBeVisible();
	await expect(page.getByRole('table', { name: 'Follow-ups' }).getByRole('row').filter({ hasText: 'Oakfield Academy' })).toHaveCount(1);
	await scan(page);
	// The demo has follow-ups not returned at other schools: look at Oakfield's alone.
	await page.getByLabel('School or college').selectOption({ label: 'Oakfield Academy' });
	await page.getByLabel('Show').selectOption('not_returned');
	await page.getByRole('button', { name: 'Show follow-ups' }).click();
	await expect(page.getByText('No follow-ups match.')).toBeVisible();
	await scan(page);

	// The DSL sees it on their home page and starts recording it; a missing answer is shown at its question.
	const context = await browser.newContext({ baseURL: app.url });
	const dsl = await context.newPage();
	await signIn(dsl, app, 'dsl.oakfield@example.org');
	const toRecord = dsl.getByRole('table', { name: 'Follow-ups to record' });
	await expect(toRecord.getByRole('row')).toHaveCount(2);
	await scan(dsl);
	await toRecord.getByRole('link', { name: /Record/ }).click();
	await expect(dsl.getByRole('heading', { level: 1, name: '6-month follow-up' })).toBeVisible();
	await dsl.waitForLoadState('networkidle');
	await scan(dsl);
	await expect(dsl.getByRole('group', { name: /was a suspension drug-related/ })).toHaveCount(0);
	await answer(dsl, 'Has the pupil been suspended, for any reason?', 'Yes');
	await expect(dsl.getByRole('group', { name: /was a suspension drug-related/ })).toBeVisible();
	await submit(dsl, dsl.getByRole('button', { name: 'Record the follow-up' }));
	await expect(dsl.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
	await expect(dsl).toHaveTitle(/^Error: /);
	await expect(dsl.getByRole('link', { name: 'Select whether the suspension was drug-related' })).toBeVisible();
	await scan(dsl);
	await context.close();

	// The deputy DSL records it with JavaScript off: every question shows, the follow-on ones included.
	const noScript = await browser.newContext({ baseURL: app.url, javaScriptEnabled: false });
	const deputy = await noScript.newPage();
	noScriptPages.add(deputy);
	await signIn(deputy, app, 'deputy.oakfield@example.org');
	await deputy.goto(`${caseUrl}/follow-up/6`);
	await expect(deputy.getByRole('heading', { level: 1, name: '6-month follow-up' })).toBeVisible();
	await answer(deputy, 'Has there been a further drug incident at school?', 'No');
	await answer(deputy, 'Has the pupil been suspended, for any reason?', 'Yes');
	await answer(deputy, /was a suspension drug-related/, 'No');
	await answer(deputy, 'Has the pupil been permanently excluded, for any reason?', 'No');
	await answer(deputy, 'Has the pupil had contact with the police that the school knows of?', 'Not known');
	await answer(deputy, 'Did the pupil take up the services they were referred on to?', 'Yes');
	await deputy.getByLabel('Anything else the programme should know (optional)').fill('Attendance is back to normal (journey note)');
	await submit(deputy, deputy.getByRole('button', { name: 'Record the follow-up' }));
	await expect(deputy).toHaveURL(new RegExp(`${caseUrl}\\?saved=follow-up#follow-ups$`));
	await expect(deputy.getByText('Closed', { exact: true }).first()).toBeVisible();
	const panel = deputy.getByRole('region', { name: 'Follow-ups' });
	await expect(panel).toContainText('Recorded');
	await expect(panel).toContainText('Attendance is back to normal (journey note)');
	await scan(deputy);
	await deputy.goto('/home');
	await expect(deputy.getByRole('table', { name: 'Follow-ups to record' })).toHaveCount(0);
	await noScript.close();
});
