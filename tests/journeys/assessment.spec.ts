import type { Browser, Page } from '@playwright/test';
import { expect, scan, test } from './fixtures';
import { answer } from './support/referral';
import type { JourneyApp } from './support/server';
import { signIn, submit } from './support/sign-in';
import { acceptFromQueue, answerIndicators, decide, today } from './support/triage';

const SUBSTANCES = 'Vapes THC at weekends since Year 8, sometimes with alcohol (journey answer)';
const GOAL = 'Stay in school and get my football place back';
const RISK = 'Low risk: no signs of exploitation (journey risk summary)';
const ONWARD_NOTE = 'Appointment letter sent to mum (journey note)';

/** A youth worker accepts the queue's first referral from the school; answers the case address. */
async function acceptReferral(page: Page, school: string): Promise<string> {
	return (await acceptFromQueue(page, school)).url;
}

async function openAssessment(page: Page, link: string): Promise<void> {
	await page.getByRole('region', { name: 'Assessment' }).getByRole('link', { name: link }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Assessment' })).toBeVisible();
	await page.waitForLoadState('networkidle');
}

test('a youth worker completes the assessment with a goal, the case enters the programme, and records an onward referral the school sees without the note', async ({ page, app, browser }) => {
	await signIn(page, app, 'youthworker@example.org');
	const caseUrl = await acceptReferral(page, 'Oakfield Academy');

	await openAssessment(page, 'Start assessment');
	await scan(page);
	await page.getByLabel('Substance history').fill(SUBSTANCES);
	await page.getByLabel('Goal 1').fill(GOAL);
	await submit(page, page.getByRole('button', { name: 'Save as draft' }));
	await expect(page.getByText('The assessment is saved as a draft.')).toBeVisible();
	await scan(page);

	await page.getByLabel('Risk summary', { exact: true }).fill(RISK);
	await answer(page, 'Which sessions suit the young person?', 'Group sessions');
	await answer(page, 'Did the assessment find new risks?', 'No');
	await submit(page, page.getByRole('button', { name: 'Complete assessment' }));
	await expect(page).toHaveURL(new RegExp(`${caseUrl}(#assessment)?$`));
	await expect(page.getByText('In programme', { exact: true }).first()).toBeVisible();
	const panel = page.getByRole('region', { name: 'Assessment' });
	await expect(panel).toContainText(GOAL);
	await expect(panel).toContainText('Group sessions');
	await scan(page);

	await page.getByRole('link', { name: 'Record an onward referral' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Record an onward referral' })).toBeVisible();
	await scan(page);
	await page.waitForLoadState('networkidle');
	await submit(page, page.getByRole('button', { name: 'Record the onward referral' }));
	await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
	await expect(page).toHaveTitle(/^Error: /);
	await scan(page);
	await page.getByLabel('Service referred to').fill('Young people’s substance service');
	const { day, month, year } = today();
	const referred = page.getByRole('group', { name: 'Date referred' });
	await referred.getByLabel('Day').fill(day);
	await referred.getByLabel('Month').fill(month);
	await referred.getByLabel('Year').fill(year);
	await answer(page, 'Did the service accept the referral?', 'Not known yet');
	await answer(page, 'Did the young person take it up?', 'Not known yet');
	await page.getByLabel('Note (optional)').fill(ONWARD_NOTE);
	await submit(page, page.getByRole('button', { name: 'Record the onward referral' }));
	await expect(page).toHaveURL(new RegExp(`${caseUrl}(#onward)?$`));
	const onward = page.getByRole('region', { name: 'Onward referrals' });
	await expect(onward).toContainText('Young people’s substance service');

	await onward.getByRole('link', { name: /Update/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Onward referral to/ })).toBeVisible();
	await scan(page);
	await page.waitForLoadState('networkidle');
	await answer(page, 'Did the service accept the referral?', 'Yes');
	await submit(page, page.getByRole('button', { name: 'Save the onward referral' }));
	await expect(onward.getByRole('cell', { name: 'Yes', exact: true })).toBeVisible();

	// The school sees that the assessment took place and the onward referral, never what was said.
	const context = await browser.newContext({ baseURL: app.url });
	const dsl = await context.newPage();
	await signIn(dsl, app, 'dsl.oakfield@example.org');
	await dsl.goto(caseUrl);
	await expect(dsl.getByRole('region', { name: 'Assessment' })).toContainText('The assessment took place on');
	await expect(dsl.getByText('Assessment completed').first()).toBeVisible();
	await expect(dsl.getByRole('region', { name: 'Onward referrals' })).toContainText('Young people’s substance service');
	for (const text of [SUBSTANCES, GOAL, RISK, ONWARD_NOTE, 'Group sessions']) await expect(dsl.locator('body')).not.toContainText(text);
	await scan(dsl);
	await context.close();
});

/** Triage and acceptance in a browser with JavaScript, so the JS-off test covers only the assessment. */
async function acceptInOtherBrowser(browser: Browser, app: JourneyApp): Promise<string> {
	// New contexts inherit the file's options inside a test: ask for scripts explicitly.
	const context = await browser.newContext({ baseURL: app.url, javaScriptEnabled: true });
	const page = await context.newPage();
	await signIn(page, app, 'youthworker@example.org');
	// Riverside's demo referral requires no escalation, so a plain accept goes through.
	const caseUrl = await acceptReferral(page, 'Riverside Sixth Form College');
	await context.close();
	return caseUrl;
}

test.describe('with JavaScript off', () => {
	test.use({ javaScriptEnabled: false });

	test('an incomplete assessment shows its errors and keeps what was typed; new risks send the case back to triage for a second round', async ({ page, app, browser }) => {
		const caseUrl = await acceptInOtherBrowser(browser, app);
		await signIn(page, app, 'youthworker@example.org');
		await page.goto(caseUrl);
		await openAssessment(page, 'Start assessment');
		await page.getByLabel('Substance history').fill(SUBSTANCES);
		await submit(page, page.getByRole('button', { name: 'Complete assessment' }));
		await expect(page).toHaveTitle(/^Error: /);
		await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Enter at least one goal, in the young person’s own words' })).toBeVisible();
		await expect(page.getByLabel('Substance history')).toHaveValue(SUBSTANCES);
		await scan(page);

		await page.getByLabel('Goal 1').fill(GOAL);
		await page.getByLabel('Risk summary', { exact: true }).fill(RISK);
		await answer(page, 'Which sessions suit the young person?', 'One-to-one (1:1) sessions');
		await answer(page, 'Did the assessment find new risks?', 'Yes');
		await page.getByLabel('What are the new risks? (if yes)').fill('Talked about owing money to an older boy');
		await submit(page, page.getByRole('button', { name: 'Complete assessment' }));
		await expect(page).toHaveURL(new RegExp(`${caseUrl}(#assessment)?$`));
		await expect(page.getByText('In triage', { exact: true }).first()).toBeVisible();
		await expect(page.getByText('Talked about owing money to an older boy').first()).toBeVisible();
		await scan(page);

		// A second triage round is decided, and the assessment carries on.
		await page.getByRole('link', { name: 'Continue triage' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Triage' })).toBeVisible();
		await answerIndicators(page, []);
		await decide(page, { level: '2 – early help', decision: 'Accept' });
		await expect(page).toHaveURL(caseUrl);
		await expect(page.getByText('Accepted', { exact: true }).first()).toBeVisible();
		await expect(page.getByRole('region', { name: 'Assessment' }).getByRole('link', { name: 'Continue assessment' })).toBeVisible();
	});
});
