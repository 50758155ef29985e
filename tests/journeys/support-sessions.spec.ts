import type { Page } from '@playwright/test';
import { expect, scan, test } from './fixtures';
import { answer } from './support/referral';
import { signIn, submit } from './support/sign-in';
import { acceptFromQueue } from './support/triage';

/** A date a week ahead, in London, as form parts and as the ISO date. */
function nextWeek(): { day: string; month: string; year: string } {
	const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() + 7 * 86_400_000)).split('-');
	return { day: String(Number(day)), month: String(Number(month)), year: year ?? '' };
}

/** The UTC stamp of 10:00 London time on that date (09:00Z in summer time, 10:00Z in winter). */
function tenInLondonUtc(d: { day: string; month: string; year: string }): string {
	const guess = new Date(Date.UTC(Number(d.year), Number(d.month) - 1, Number(d.day), 10, 0));
	const londonHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(guess));
	const utc = new Date(guess.getTime() - (londonHour - 10) * 3_600_000);
	return utc.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

async function fillSession(page: Page, options: { when: { day: string; month: string; year: string }; place: string }): Promise<void> {
	await page.waitForLoadState('networkidle');
	await answer(page, 'What kind of session is it?', 'Group session');
	const date = page.getByRole('group', { name: 'Date', exact: true });
	await date.getByLabel('Day').fill(options.when.day);
	await date.getByLabel('Month').fill(options.when.month);
	await date.getByLabel('Year').fill(options.when.year);
	await page.getByLabel('Start time').fill('10:00');
	await page.getByLabel('Duration in minutes').fill('90');
	await answer(page, 'Is it in person or remote?', 'In person');
	await page.getByLabel('Place (for a session in person)').fill(options.place);
}

test('a youth worker runs a group session for two schools, and each school sees only its own pupil', async ({ page, app, browser }) => {
	await signIn(page, app, 'youthworker@example.org');
	const oak = await acceptFromQueue(page, 'Oakfield Academy');
	const river = await acceptFromQueue(page, 'Riverside Sixth Form College');
	expect(oak.name).not.toBe(river.name);

	await page.getByRole('link', { name: 'Sessions', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Programme sessions' })).toBeVisible();
	await scan(page);
	await page.getByRole('link', { name: 'Schedule a session' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Schedule a session' })).toBeVisible();
	await scan(page);
	const when = nextWeek();
	await fillSession(page, { when, place: 'Northmoor Youth Centre, Room 2' });
	await page.getByRole('group', { name: 'Modules covered' }).getByRole('checkbox').first().check();
	await submit(page, page.getByRole('button', { name: 'Schedule the session' }));
	await expect(page.getByRole('heading', { level: 1, name: /^Session on / })).toBeVisible();
	const sessionUrl = page.url();
	const sessionPath = new URL(sessionUrl).pathname;
	await scan(page);

	const inSession = page.getByRole('table', { name: 'Young people in this session' });
	for (const [person, school] of [
		[oak.name, 'Oakfield Academy'],
		[river.name, 'Riverside Sixth Form College']
	] as const) {
		// Each from a settled page: the list of young people to add changes after every addition.
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Add a young person').selectOption({ label: `${person} (${school})` });
		await submit(page, page.getByRole('button', { name: 'Add to the session' }));
		await expect(page.getByText('The young person is in the session.')).toBeVisible();
		await expect(inSession.getByRole('link', { name: person, exact: true })).toBeVisible();
	}
	await page.waitForLoadState('networkidle');
	await answer(page, `${oak.name} (Oakfield Academy)`, 'Present');
	await answer(page, `${river.name} (Riverside Sixth Form College)`, 'Absent');
	await submit(page, page.getByRole('button', { name: 'Save the register' }));
	await expect(page.getByText('The register is saved.')).toBeVisible();
	await scan(page);

	await page.getByRole('link', { name: 'Change the session' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Change the session' })).toBeVisible();
	await scan(page);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Place (for a session in person)').fill('Northmoor Youth Centre, Room 3');
	await submit(page, page.getByRole('button', { name: 'Save the session' }));
	await expect(page.getByText('Northmoor Youth Centre, Room 3')).toBeVisible();

	const ics = await page.request.get(`${sessionPath}/calendar.ics`);
	expect(ics.status()).toBe(200);
	expect(ics.headers()['content-type']).toContain('text/calendar');
	const body = await ics.text();
	expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
	expect(body).toContain(`\r\nDTSTART:${tenInLondonUtc(when)}\r\n`);
	expect(body).toContain('\r\nLOCATION:Northmoor Youth Centre\\, Room 3\r\n');
	expect(body).toContain('session\r\n');
	for (const name of [oak.name, river.name]) expect(body).not.toContain(name.split(' ')[0]);

	// A second missed session flags the Riverside case for review.
	await page.goto(river.url);
	await page.getByRole('link', { name: 'Schedule a session for this young person' }).click();
	await fillSession(page, { when, place: 'Riverside Sixth Form College, Library' });
	await submit(page, page.getByRole('button', { name: 'Schedule the session' }));
	await expect(page.getByRole('heading', { level: 1, name: /^Session on / })).toBeVisible();
	await answer(page, `${river.name} (Riverside Sixth Form College)`, 'Absent');
	await submit(page, page.getByRole('button', { name: 'Save the register' }));
	await expect(page.getByText(/their case is flagged for review/)).toBeVisible();
	await page.getByRole('link', { name: 'Cancel the session' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Cancel the session' })).toBeVisible();
	await scan(page);

	await page.goto(river.url);
	await expect(page.getByText('For review', { exact: true })).toBeVisible();
	await page.getByRole('link', { name: 'Decide the review' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Review after missed sessions' })).toBeVisible();
	await scan(page);
	await page.waitForLoadState('networkidle');
	await answer(page, 'What happens next?', 'Move to 1:1 sessions');
	await page.getByLabel('Why').fill('Finds the group hard; agreed with the young person');
	await submit(page, page.getByRole('button', { name: 'Record the decision' }));
	await expect(page.getByRole('link', { name: 'Schedule a 1:1 session' })).toBeVisible();
	await page.goto(river.url);
	await expect(page.getByText('For review', { exact: true })).toHaveCount(0);

	// The Oakfield DSL sees their pupil's upcoming session, never the Riverside pupil.
	const context = await browser.newContext({ baseURL: app.url });
	const dsl = await context.newPage();
	await signIn(dsl, app, 'dsl.oakfield@example.org');
	await dsl.goto('/home');
	const upcoming = dsl.getByRole('table', { name: 'Your pupils’ upcoming programme sessions, soonest first' });
	await expect(upcoming).toContainText(oak.name);
	await expect(upcoming).toContainText('Northmoor Youth Centre, Room 3');
	await expect(dsl.locator('body')).not.toContainText(river.name);
	await scan(dsl);
	const schoolIcs = await dsl.request.get(`${sessionPath}/calendar.ics`);
	expect(schoolIcs.status()).toBe(200);
	const schoolBody = await schoolIcs.text();
	for (const name of [oak.name, river.name]) expect(schoolBody).not.toContain(name.split(' ')[0]);
	await dsl.goto(oak.url);
	const panel = dsl.getByRole('region', { name: 'Programme sessions' });
	await expect(panel).toContainText('Present');
	await expect(dsl.locator('body')).not.toContainText(river.name);
	await scan(dsl);
	expect((await dsl.request.get(sessionPath)).status()).toBe(404);
	await context.close();
});

test.describe('with JavaScript off', () => {
	test.use({ javaScriptEnabled: false });

	test('scheduling a remote session with a link that is not https shows the error and keeps what was typed', async ({ page, app }) => {
		await signIn(page, app, 'youthworker@example.org');
		await page.goto('/sessions/new');
		await expect(page.getByRole('heading', { level: 1, name: 'Schedule a session' })).toBeVisible();
		await answer(page, 'What kind of session is it?', '1:1 session');
		const date = page.getByRole('group', { name: 'Date', exact: true });
		const when = nextWeek();
		await date.getByLabel('Day').fill(when.day);
		await date.getByLabel('Month').fill(when.month);
		await date.getByLabel('Year').fill(when.year);
		await page.getByLabel('Start time').fill('15:30');
		await page.getByLabel('Duration in minutes').fill('60');
		await answer(page, 'Is it in person or remote?', 'Remote');
		await page.getByLabel('Link to join (for a remote session)').fill('http://meet.example.org/divert');
		await submit(page, page.getByRole('button', { name: 'Schedule the session' }));
		await expect(page).toHaveTitle(/^Error: /);
		await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('Enter a link that starts with https://');
		await expect(page.getByLabel('Link to join (for a remote session)')).toHaveValue('http://meet.example.org/divert');
		await expect(page.getByLabel('Start time')).toHaveValue('15:30');
		await scan(page);
	});
});
