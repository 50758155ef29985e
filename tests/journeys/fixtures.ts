import { test as base, expect, type Page } from '@playwright/test';
import { startJourneyApp, type JourneyApp } from './support/server';
import { noScriptPages } from './support/axe';

export { expect };
export { scan } from './support/axe';

const CSP_BINDING = '__journeyCspViolation';

/**
 * Collects every Content-Security-Policy violation on the page, in every document it loads, so that a
 * journey fails when the app's strict CSP (SECURITY.md 12) blocks something it renders. Two sources:
 * the `securitypolicyviolation` event, listened to by an init script (injected by the browser
 * automation, so the CSP does not apply to it), and the console messages Chromium writes for each
 * violation, which also appear with JavaScript off, when no script runs at all.
 */
async function watchCsp(page: Page): Promise<string[]> {
	const violations: string[] = [];
	await page.exposeBinding(CSP_BINDING, (_source, report: string) => void violations.push(report));
	await page.addInitScript((binding: string) => {
		document.addEventListener(
			'securitypolicyviolation',
			(e) => {
				const report = `${e.documentURI}: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile || '?'}:${e.lineNumber} ${e.sample}`;
				const send = (window as unknown as Record<string, ((report: string) => Promise<void>) | undefined>)[binding];
				void send?.(report);
			},
			true
		);
	}, CSP_BINDING);
	page.on('console', (message) => {
		const text = message.text();
		if (/Content Security Policy|Refused to/i.test(text)) violations.push(`${page.url()}: console: ${text}`);
	});
	return violations;
}

/** Keeps one app per journey file within a worker: a file's tests run in one worker, one after another. */
class AppPerFile {
	private current: { file: string; app: JourneyApp } | null = null;

	async forFile(file: string): Promise<JourneyApp> {
		if (this.current?.file === file) return this.current.app;
		await this.stop();
		const name = file.split('/').pop()?.replace(/\.spec\.ts$/, '') ?? 'journey';
		this.current = { file, app: await startJourneyApp(name) };
		return this.current.app;
	}

	async stop(): Promise<void> {
		await this.current?.app.stop();
		this.current = null;
	}
}

/**
 * `app` is the journey file's own server and database (STYLE.md: each journey on its own database);
 * `page` and `request` are pointed at it through baseURL.
 */
export const test = base.extend<{ app: JourneyApp }, { apps: AppPerFile }>({
	apps: [
		// eslint-disable-next-line no-empty-pattern
		async ({}, use) => {
			const apps = new AppPerFile();
			await use(apps);
			await apps.stop();
		},
		{ scope: 'worker' }
	],
	app: async ({ apps }, use, testInfo) => {
		await use(await apps.forFile(testInfo.file));
	},
	baseURL: async ({ app }, use) => {
		await use(app.url);
	},
	page: async ({ page, javaScriptEnabled }, use) => {
		if (javaScriptEnabled === false) noScriptPages.add(page);
		const violations = await watchCsp(page);
		await use(page);
		expect(violations, 'The Content-Security-Policy blocked something on these pages').toEqual([]);
	}
});
