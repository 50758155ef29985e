import { expect, scan, test } from './fixtures';
import { answer } from './support/referral';
import { signIn, submit } from './support/sign-in';
import { answerIndicators, decide, openFromQueue, today } from './support/triage';

const ABUSE = 'Has there been a disclosure of abuse, or are there unexplained injuries?';
const NOTE = 'Bruising on the forearm seen by the PE teacher (journey note)';

test('a youth worker triages a red indicator, must escalate to MASH, records it and its decision, and the case moves on', async ({ page, app, browser }) => {
	await signIn(page, app, 'youthworker@example.org');
	await openFromQueue(page, 'Oakfield Academy');
	const caseUrl = page.url();
	await scan(page);
	await page.getByRole('link', { name: 'Start triage' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Triage' })).toBeVisible();
	await scan(page);
	await answerIndicators(page, [ABUSE]);
	await page.getByRole('group', { name: ABUSE, exact: true }).getByLabel(/^Note/).fill(NOTE);
	await expect(page.getByText('MASH').first()).toBeVisible();

	// Declining a required escalation needs a written rationale.
	await answer(page, /MASH/, 'Decline, with a rationale');
	await decide(page, { level: '3 – child in need', decision: 'Hold until an escalation is answered', reason: 'Waiting for the MASH decision' });
	await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
	await expect(page).toHaveTitle(/^Error: /);
	await scan(page);

	await answer(page, /MASH/, 'Will escalate');
	await submit(page, page.getByRole('button', { name: 'Save and record the decision' }));
	await expect(page).toHaveURL(caseUrl);
	await expect(page.getByText('On hold', { exact: true }).first()).toBeVisible();
	await expect(page.getByText('Child protection', { exact: true })).toBeVisible();
	await scan(page);

	await page.getByRole('link', { name: 'Record an escalation' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Record an escalation' })).toBeVisible();
	await scan(page);
	await answer(page, 'Who is it to?', 'MASH (children’s social care front door)');
	await answer(page, 'Has it been made?', 'Yes');
	await answer(page, 'How was it made?', 'Phone');
	const { day, month, year } = today();
	const when = page.getByRole('group', { name: 'When was it made?' });
	await when.getByLabel('Day').fill(day);
	await when.getByLabel('Month').fill(month);
	await when.getByLabel('Year').fill(year);
	await page.getByLabel('Time it was made').fill('00:05');
	await answer(page, 'Lawful basis for sharing', 'Safeguarding without consent');
	await submit(page, page.getByRole('button', { name: 'Record the escalation' }));
	await expect(page).toHaveURL(new RegExp(`${caseUrl}(#escalations)?$`));
	const panel = page.getByRole('region', { name: 'Escalations to other agencies' });
	await expect(panel).toContainText('MASH');

	await panel.getByRole('link', { name: /Update/ }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: /Escalation to MASH/ })).toBeVisible();
	await scan(page);
	await page.getByLabel('The agency’s decision (optional)').fill('Child and family assessment');
	const decided = page.getByRole('group', { name: 'When was the decision made?' });
	await decided.getByLabel('Day').fill(day);
	await decided.getByLabel('Month').fill(month);
	await decided.getByLabel('Year').fill(year);
	await page.getByLabel('Time of the decision').fill('00:10');
	await page.getByLabel('Outcome (optional)').fill('Social worker allocated; diversion can go ahead alongside');
	await submit(page, page.getByRole('button', { name: 'Save the escalation' }));
	await expect(page.getByText('Accepted', { exact: true }).first()).toBeVisible();

	await page.goto('/due');
	await expect(page.getByRole('heading', { level: 1, name: 'Due and overdue' })).toBeVisible();
	await scan(page);

	// The school sees the escalation and its outcome, never the triage notes.
	const context = await browser.newContext({ baseURL: app.url });
	const dsl = await context.newPage();
	await signIn(dsl, app, 'dsl.oakfield@example.org');
	await dsl.goto(caseUrl);
	const schoolPanel = dsl.getByRole('region', { name: 'Escalations to other agencies' });
	await expect(schoolPanel).toContainText('MASH');
	await expect(schoolPanel).toContainText('Social worker allocated');
	await expect(dsl.locator('body')).not.toContainText(NOTE);
	await expect(dsl.locator('body')).not.toContainText('Waiting for the MASH decision');
	await scan(dsl);
	await context.close();
});

test('a not-suitable decision is countersigned by a senior youth worker, and the school records what it then decided', async ({ page, app, browser }) => {
	await signIn(page, app, 'youthworker@example.org');
	await openFromQueue(page, 'Oakfield Academy');
	const caseUrl = page.url();
	await page.getByRole('link', { name: 'Start triage' }).click();
	await answerIndicators(page, ['Are there signs of supply?']);
	for (const choice of await page.getByLabel('Will escalate', { exact: true }).all()) await choice.check();
	await decide(page, { level: '2 – early help', decision: 'Not suitable for diversion', reason: 'Quantity and packaging suggest supply', redirectedTo: 'Police and the YOT' });
	await expect(page).toHaveURL(caseUrl);
	await expect(page.getByText('Not suitable', { exact: true }).first()).toBeVisible();

	const seniorContext = await browser.newContext({ baseURL: app.url });
	const senior = await seniorContext.newPage();
	await signIn(senior, app, 'senior.youthworker@example.org');
	await senior.getByRole('link', { name: 'Countersign' }).click();
	await expect(senior.getByRole('heading', { level: 1, name: 'Decisions to countersign' })).toBeVisible();
	await scan(senior);
	await submit(senior, senior.getByRole('button', { name: 'Countersign' }).first());
	await expect(senior.getByText('The decision is countersigned.')).toBeVisible();
	await seniorContext.close();

	const context = await browser.newContext({ baseURL: app.url });
	const dsl = await context.newPage();
	await signIn(dsl, app, 'deputy.oakfield@example.org');
	await dsl.goto(caseUrl);
	await expect(dsl.getByText('Quantity and packaging suggest supply').first()).toBeVisible();
	await expect(dsl.getByText('Police and the YOT').first()).toBeVisible();
	await dsl.getByRole('link', { name: /Record what the school decided/ }).click();
	await expect(dsl).toHaveURL(/\/school-decision$/);
	await expect(dsl.getByRole('group', { name: 'What did the school decide?' })).toBeVisible();
	await scan(dsl);
	await answer(dsl, 'What did the school decide?', 'A suspension went ahead');
	await dsl.getByLabel('How many days was the suspension?').fill('3');
	await submit(dsl, dsl.getByRole('button', { name: 'Save the decision' }));
	await expect(dsl.getByText('A suspension went ahead').first()).toBeVisible();
	// Nothing is left to do on a case that did not go ahead once the school has decided: it is closed.
	await expect(dsl.getByText('Closed', { exact: true }).first()).toBeVisible();
	await context.close();
});

test('a youth worker lifts a hold with a reason, and withdraws an escalation', async ({ page, app }) => {
	await signIn(page, app, 'youthworker@example.org');
	await openFromQueue(page, 'Riverside Sixth Form College');
	await page.getByRole('link', { name: 'Start triage' }).click();
	await answerIndicators(page, []);
	await decide(page, { level: '1 – universal', decision: 'Hold until an escalation is answered', reason: 'Checking with the college first' });
	await expect(page.getByText('On hold', { exact: true }).first()).toBeVisible();

	await page.getByRole('link', { name: 'Record an escalation' }).click();
	await answer(page, 'Who is it to?', 'GP');
	await answer(page, 'Has it been made?', 'No');
	await answer(page, 'Lawful basis for sharing', 'Consent');
	await submit(page, page.getByRole('button', { name: 'Record the escalation' }));
	await page.getByRole('link', { name: 'Lift the hold' }).click();
	await expect(page).toHaveURL(/\/triage\/lift-hold$/);
	await expect(page.getByLabel('Why are you lifting the hold?')).toBeVisible();
	await scan(page);
	await page.getByLabel('Why are you lifting the hold?').fill('The college confirmed the young person is safe to start');
	await submit(page, page.getByRole('button', { name: 'Lift the hold' }));
	await expect(page.getByText('Accepted', { exact: true }).first()).toBeVisible();

	const panel = page.getByRole('region', { name: 'Escalations to other agencies' });
	await panel.getByRole('link', { name: /Update/ }).first().click();
	await page.getByRole('link', { name: /Withdraw/ }).first().click();
	await expect(page).toHaveURL(/\/withdraw$/);
	await expect(page.getByLabel('Why is it withdrawn?')).toBeVisible();
	await scan(page);
	await page.getByLabel('Why is it withdrawn?').fill('The family will contact the GP themselves');
	await submit(page, page.getByRole('button', { name: 'Withdraw the escalation' }));
	await expect(panel).toContainText('Withdrawn');
});
