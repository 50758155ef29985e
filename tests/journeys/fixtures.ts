import { test as base, expect } from '@playwright/test';
import { startJourneyApp, type JourneyApp } from './support/server';
import { noScriptPages } from './support/axe';

export { expect };
export { scan } from './support/axe';

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
		await use(page);
	}
});
