import { expect, type Page } from '@playwright/test';
import { scan } from './axe';
import { submit } from './sign-in';

/** Picks a radio answer inside the question (fieldset) with this legend. */
export async function answer(page: Page, question: string | RegExp, option: string): Promise<void> {
	await page.getByRole('group', { name: question }).getByLabel(option, { exact: true }).check();
}

async function date(page: Page, question: string | RegExp, day: string, month: string, year: string): Promise<void> {
	const group = page.getByRole('group', { name: question });
	await group.getByLabel('Day').fill(day);
	await group.getByLabel('Month').fill(month);
	await group.getByLabel('Year').fill(year);
}

/** Opens a task-list section, scans it, fills it with `fill`, saves, and checks it shows as completed. */
export async function completeSection(page: Page, title: string, fill: (page: Page) => Promise<void>): Promise<void> {
	await page.getByRole('link', { name: title }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await scan(page);
	await fill(page);
	await submit(page, page.getByRole('button', { name: 'Save and continue' }));
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeHidden();
}

export async function fillSafety(page: Page): Promise<void> {
	await answer(page, /Does the pupil need medical help now/, 'No');
	await answer(page, /disclosed abuse/, 'No');
	await answer(page, /signs of supply/, 'No');
	await answer(page, /any other immediate risk/, 'No');
}

export async function fillPupil(page: Page, forename = 'Jordan', surname = 'Testcase'): Promise<void> {
	await page.getByLabel('Legal first name').fill(forename);
	await page.getByLabel('Legal last name').fill(surname);
	await date(page, 'Date of birth', '14', '3', '2012');
	await page.getByLabel('Year group').selectOption('9');
	await answer(page, /^Sex/, 'Female');
	await page.getByLabel('Ethnicity').selectOption('WBRI');
	await answer(page, 'Special educational needs provision', 'No special educational needs');
	await answer(page, 'Eligible for free school meals now', 'No');
	await answer(page, 'Looked after (in care)', 'No');
	await answer(page, 'Has a social worker', 'No');
	await answer(page, 'Young carer', 'No');
	await page.getByLabel('First language').fill('English');
	await answer(page, 'Interpreter needed', 'No');
	await page.getByLabel('Address line 1', { exact: true }).fill('1 Example Street');
	await page.getByLabel('Town or city').fill('Testtown');
	await page.getByLabel('Postcode').fill('TE1 1ST');
	await page.getByLabel('GP practice').fill('Example Surgery');
}

export async function fillFamily(page: Page): Promise<void> {
	const first = page.getByRole('group', { name: 'Parent or carer', exact: true });
	await first.getByLabel('Full name').fill('Sam Testcase');
	await first.getByLabel('Relationship to the pupil').fill('Mother');
	await first.getByLabel('Phone number').fill('01632 960001');
	await first.getByRole('group', { name: 'Do they have parental responsibility?' }).getByLabel('Yes', { exact: true }).check();
}

export async function fillIncident(page: Page): Promise<void> {
	await date(page, 'Date of the incident', '2', '11', '2026');
	await page.getByLabel('Where it happened').fill('Science block');
	await answer(page, 'How did it come to light?', 'Search');
	await page.getByRole('group', { name: /Substance, as described/ }).getByLabel('Cannabis').check();
	await page.getByLabel('Quantity (estimate)').fill('About 1 gram');
	await answer(page, 'What happened to the item?', 'Disposed of, with two witnesses');
	await page.getByLabel('First witness to disposal (if disposed of)').fill('Teacher One');
	await page.getByLabel('Second witness to disposal (if disposed of)').fill('Teacher Two');
	await answer(page, 'Were the police told?', 'No');
}

export async function fillDecision(page: Page): Promise<void> {
	await answer(page, 'What did the headteacher decide?', 'Diversion instead of a suspension');
	await page.getByLabel('Days of suspension that would have applied').fill('3');
	await page.getByLabel('Who decided').fill('A. Head, Headteacher');
	await date(page, 'Date of the decision', '3', '11', '2026');
}

export async function fillConsent(page: Page): Promise<void> {
	await answer(page, 'Did a parent or carer consent?', 'Yes, a parent or carer consented');
	await page.getByLabel('Name of the parent or carer who answered').fill('Sam Testcase');
	await answer(page, 'How did the parent or carer answer?', 'By phone');
	await date(page, 'When did the parent or carer answer?', '3', '11', '2026');
	await answer(page, 'Did the young person agree to take part?', 'Yes');
	await answer(page, 'How did the young person agree?', 'In person');
	await date(page, 'When did the young person agree?', '3', '11', '2026');
	await answer(page, 'Is there consent to share progress with the school?', 'Yes');
	await answer(page, 'Who gave consent to share progress?', 'Parent or carer');
	await answer(page, 'How was consent to share progress given?', 'By phone');
	await date(page, 'When was consent to share progress given?', '3', '11', '2026');
	await answer(page, 'Is there consent to use anonymised information for evaluation?', 'No');
}

/** Starts a referral from the DSL's home and completes every section. Returns the referral's URL. */
export async function makeCompleteDraft(page: Page, forename = 'Jordan'): Promise<string> {
	await page.goto('/home');
	await page.getByRole('link', { name: 'Make a referral' }).click();
	await scan(page);
	await submit(page, page.getByRole('button', { name: 'Start now' }));
	await expect(page.getByRole('heading', { level: 1, name: 'Immediate safety check' })).toBeVisible();
	await scan(page);
	await fillSafety(page);
	await submit(page, page.getByRole('button', { name: 'Save and continue' }));
	await expect(page.getByRole('list').filter({ hasText: 'Immediate safety check' })).toContainText('Completed');
	await scan(page);
	const url = page.url().split('?')[0] ?? '';
	await completeSection(page, 'About the pupil', (p) => fillPupil(p, forename));
	await completeSection(page, 'Parents and carers', fillFamily);
	await completeSection(page, 'The incident', fillIncident);
	await completeSection(page, 'The headteacher’s decision', fillDecision);
	await completeSection(page, 'Consent', fillConsent);
	await expect(page.getByText('You have completed 6 of 6 sections')).toBeVisible();
	return url;
}
