import type { Page } from '@playwright/test';
import { expect, scan, test } from './fixtures';
import { answer } from './support/referral';
import { signIn, submit } from './support/sign-in';
import { acceptFromQueue, today } from './support/triage';

/**
 * The second half of the path end to end, through the pages only: assessment, a group session for
 * pupils of two schools, its register, the outcome, the certificate the school downloads and the
 * public check confirms, and the 6-month follow-up. The one shortcut is the six months: the follow-up
 * job's work (the due date passing) is written to the database, in the state the job leaves it.
 */

const GOAL = 'Keep my place on the football team (journey goal)';

async function completeAssessment(page: Page, caseUrl: string): Promise<void> {
	await page.goto(caseUrl);
	await page.getByRole('region', { name: 'Assessment' }).getByRole('link', { name: 'Start assessment' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Assessment' })).toBeVisible();
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Substance history').fill('Cannabis at weekends with friends since the summer (journey answer)');
	await page.getByLabel('Goal 1').fill(GOAL);
	await page.getByLabel('Risk summary', { exact: true }).fill('Low: no signs of exploitation (journey answer)');
	await answer(page, 'Which sessions suit the young person?', 'Group sessions');
	await answer(page, 'Did the assessment find new risks?', 'No');
	await submit(page, page.getByRole('button', { name: 'Complete assessment' }));
	await expect(page.getByText('In programme', { exact: true }).first()).toBeVisible();
}

test('a youth worker assesses, runs a group session for two schools, confirms completion; the school downloads the certificate, the check page confirms it, and the follow-up is recorded', async ({ page, app, browser }) => {
	// The whole second half of the path in one journey: more than the default allowance.
	test.setTimeout(180_000);
	await signIn(page, app, 'youthworker@example.org');
	const oak = await acceptFromQueue(page, 'Oakfield Academy');
	const river = await acceptFromQueue(page, 'Riverside Sixth Form College');
	await completeAssessment(page, oak.url);
	await scan(page);
	await completeAssessment(page, river.url);

	// A group session today covering every module, for both young people.
	await page.getByRole('link', { name: 'Sessions', exact: true }).click();
	// Wait for the list: the case page has its own "Schedule a session for this young person" link.
	await expect(page.getByRole('heading', { level: 1, name: 'Programme sessions' })).toBeVisible();
	await page.getByRole('link', { name: 'Schedule a session', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Schedule a session' })).toBeVisible();
	await page.waitForLoadState('networkidle');
	await answer(page, 'What kind of session is it?', 'Group session');
	const { day, month, year } = today();
	const date = page.getByRole('group', { name: 'Date', exact: true });
	await date.getByLabel('Day').fill(day);
	await date.getByLabel('Month').fill(month);
	await date.getByLabel('Year').fill(year);
	await page.getByLabel('Start time').fill('09:30');
	await page.getByLabel('Duration in minutes').fill('120');
	await answer(page, 'Is it in person or remote?', 'In person');
	await page.getByLabel('Place (for a session in person)').fill('Northmoor Youth Centre (journey)');
	for (const box of await page.getByRole('group', { name: 'Modules covered' }).getByRole('checkbox').all()) await box.check();
	await submit(page, page.getByRole('button', { name: 'Schedule the session' }));
	await expect(page.getByRole('heading', { level: 1, name: /^Session on / })).toBeVisible();
	const sessionUrl = page.url();
	const inSession = page.getByRole('table', { name: 'Young people in this session' });
	for (const [person, school] of [
		[oak.name, 'Oakfield Academy'],
		[river.name, 'Riverside Sixth Form College']
	] as const) {
		// Each from a settled page: the list of young people to add changes after every addition.
		await page.goto(sessionUrl);
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Add a young person').selectOption({ label: `${person} (${school})` });
		await submit(page, page.getByRole('button', { name: 'Add to the session' }));
		await expect(inSession.getByRole('link', { name: person, exact: true })).toBeVisible();
	}
	await page.goto(sessionUrl);
	await page.waitForLoadState('networkidle');
	await answer(page, `${oak.name} (Oakfield Academy)`, 'Present');
	await answer(page, `${river.name} (Riverside Sixth Form College)`, 'Late');
	await submit(page, page.getByRole('button', { name: 'Save the register' }));
	await expect(page.getByText('The register is saved.')).toBeVisible();
	await scan(page);

	// The outcome: every core module attended, so the app proposes "completed".
	await page.goto(oak.url);
	const outcome = page.getByRole('region', { name: 'Outcome' });
	await outcome.getByRole('link', { name: 'Record the outcome' }).click();
	await expect(page.getByRole('heading', { name: 'Proposed outcome: Completed' })).toBeVisible();
	await page.waitForLoadState('networkidle');
	await answer(page, 'What is the outcome?', 'Completed (proposed)');
	await answer(page, GOAL, 'Achieved');
	await submit(page, page.getByRole('button', { name: 'Record the outcome' }));
	await expect(outcome).toContainText('Completed');
	await outcome.getByRole('link', { name: 'Issue the certificate' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Issue the certificate' })).toBeVisible();
	await page.waitForLoadState('networkidle');
	await submit(page, page.getByRole('button', { name: 'Issue the certificate' }));
	await expect(outcome).toContainText('Issued');
	const code = (await outcome.textContent())?.match(/code ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/)?.[1] ?? '';
	expect(code).not.toBe('');

	// The school downloads its pupil's certificate; it never sees the goals.
	const schoolContext = await browser.newContext({ baseURL: app.url });
	const dsl = await schoolContext.newPage();
	await signIn(dsl, app, 'dsl.oakfield@example.org');
	await dsl.goto(oak.url);
	const schoolOutcome = dsl.getByRole('region', { name: 'Outcome' });
	await expect(schoolOutcome).toContainText('Completed');
	await expect(dsl.locator('body')).not.toContainText(GOAL);
	await expect(dsl.locator('body')).not.toContainText(river.name);
	await scan(dsl);
	const href = (await schoolOutcome.getByRole('link', { name: 'Download the certificate (PDF)' }).getAttribute('href')) ?? '';
	const pdf = await dsl.request.get(href);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');

	// Anyone with the code can check it, and learns only the initials, the date and that it is valid.
	const visitor = await (await browser.newContext({ baseURL: app.url })).newPage();
	await visitor.goto(`/check/${code}`);
	await expect(visitor.getByText('Valid', { exact: true })).toBeVisible();
	await expect(visitor.locator('body')).not.toContainText(oak.name);
	await scan(visitor);

	// Six months on (the shortcut): the follow-up job has made the follow-up due and prompted the school.
	const referralId = new URL(oak.url, app.url).pathname.split('/').pop() ?? '';
	const now = Date.now();
	// The follow-up sweep may already have scheduled it (for six months from today): replace that row.
	await app.sql('delete from follow_up where referral_id = ?', [referralId]);
	await app.sql(
		`insert into follow_up (id, referral_id, service_id, school_id, months, due_on, due_at, prompted_at, chase_at, close_at)
		 select ?, id, service_id, school_id, 6, ?, ?, ?, ?, ? from referral where id = ?`,
		[`journey-follow-up-${referralId}`, `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`, now - 60_000, now, now + 14 * 86_400_000, now + 42 * 86_400_000, referralId]
	);
	await app.sql(`update referral set state = 'follow_up_due', version = version + 1 where id = ?`, [referralId]);

	await dsl.goto('/home');
	const toRecord = dsl.getByRole('table', { name: 'Follow-ups to record' });
	await toRecord.getByRole('row').filter({ hasText: oak.name }).getByRole('link', { name: /Record/ }).click();
	await expect(dsl.getByRole('heading', { level: 1, name: '6-month follow-up' })).toBeVisible();
	await dsl.waitForLoadState('networkidle');
	await answer(dsl, 'Has there been a further drug incident at school?', 'No');
	await answer(dsl, 'Has the pupil been suspended, for any reason?', 'No');
	await answer(dsl, 'Has the pupil been permanently excluded, for any reason?', 'No');
	await answer(dsl, 'Has the pupil had contact with the police that the school knows of?', 'No');
	await answer(dsl, 'Did the pupil take up the services they were referred on to?', 'Not known');
	await submit(dsl, dsl.getByRole('button', { name: 'Record the follow-up' }));
	await expect(dsl.getByText('Closed', { exact: true }).first()).toBeVisible();
	await expect(dsl.getByRole('region', { name: 'Follow-ups' })).toContainText('Recorded');
	await scan(dsl);
	await schoolContext.close();
});
