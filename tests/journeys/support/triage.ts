import { expect, type Page } from '@playwright/test';
import { INDICATOR_INFO } from '../../../src/lib/triage-indicators';
import { answer } from './referral';
import { submit } from './sign-in';

/** Today in London as day, month, year strings, and a time just after midnight (never in the future). */
export function today(): { day: string; month: string; year: string } {
	const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()).split('-');
	return { day: String(Number(day)), month: String(Number(month)), year: year ?? '' };
}

/** Answers every top-level indicator shown: `yes` for those named, "No" for the rest. */
export async function answerIndicators(page: Page, yes: string[] = []): Promise<void> {
	// Answers chosen before the page has hydrated would be reset by it.
	await page.waitForLoadState('networkidle');
	for (const indicator of INDICATOR_INFO) {
		if (indicator.parent !== undefined) continue;
		const group = page.getByRole('group', { name: indicator.question, exact: true });
		if ((await group.count()) === 0) continue;
		await answer(page, indicator.question, yes.includes(indicator.question) ? 'Yes' : 'No');
	}
}

/** Fills level, lead and decision and saves; the RAG keeps its suggested value. */
export async function decide(page: Page, options: { level: string; decision: string; reason?: string; redirectedTo?: string }): Promise<void> {
	await answer(page, 'Level of need', options.level);
	await page.getByLabel('Lead youth worker').selectOption({ index: 1 });
	await answer(page, 'What is your decision?', options.decision);
	if (options.reason && options.decision.startsWith('Hold')) await page.getByLabel('Why is the case on hold, and what is it waiting for?').fill(options.reason);
	if (options.reason && options.decision.startsWith('Not suitable')) await page.getByLabel('Why is diversion not suitable?').fill(options.reason);
	if (options.redirectedTo) await page.getByLabel('Where was the young person redirected?').fill(options.redirectedTo);
	await submit(page, page.getByRole('button', { name: 'Save and record the decision' }));
}

/** Opens the triage queue's first referral from this school. */
export async function openFromQueue(page: Page, school: string): Promise<void> {
	await page.goto('/home');
	const queue = page.getByRole('table', { name: 'New referrals awaiting triage, soonest due first' });
	await queue.getByRole('row').filter({ hasText: school }).first().getByRole('link').click();
	await expect(page.getByRole('link', { name: 'Start triage' })).toBeVisible();
}

/**
 * Triages the school's first queued referral with nothing of concern and accepts it, as a youth
 * worker; returns the case's address and the young person's name as the case page shows it.
 */
export async function acceptFromQueue(page: Page, school: string): Promise<{ url: string; name: string }> {
	await openFromQueue(page, school);
	const url = page.url();
	const name = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
	await page.getByRole('link', { name: 'Start triage' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Triage' })).toBeVisible();
	await answerIndicators(page, []);
	await decide(page, { level: '1 – universal', decision: 'Accept' });
	await expect(page).toHaveURL(url);
	await expect(page.getByText('Accepted', { exact: true }).first()).toBeVisible();
	return { url, name };
}
