import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * Browser journeys against the built app (`npm run test:journeys` builds first) in Debian's chromium:
 * Playwright's own browser downloads do not work on these machines.
 */
const chromiumPath = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
	throw new Error(`Chromium not found at ${chromiumPath}: install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH`);
}

/**
 * One name per run, for its scratch folder and its artifacts. Set here, in the runner, before any
 * worker starts; the workers inherit it (they load this file again and keep the value).
 */
const run = (process.env.JOURNEY_RUN ??= `run-${new Date().toISOString().replace(/[-:.]/g, '')}-${process.pid}`);

export default defineConfig({
	testDir: 'tests/journeys',
	outputDir: `test-results/journeys/${run}`,
	globalSetup: './tests/journeys/support/global-setup.ts',
	workers: 2,
	// A journey file's tests run in order in one worker, against that file's own server and database.
	fullyParallel: false,
	forbidOnly: true,
	retries: 0,
	timeout: 90_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	use: {
		browserName: 'chromium',
		headless: true,
		locale: 'en-GB',
		timezoneId: 'Europe/London',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: chromiumPath,
			// Without the networking flags chromium keeps calling out, and this machine's network refuses it.
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-dev-shm-usage',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--disable-quic',
				'--no-first-run'
			]
		}
	},
	projects: [
		{ name: 'journeys', testMatch: /.*\.spec\.ts$/ },
		// Runs after every journey: fails naming any page route that no journey scanned with axe.
		{ name: 'route-coverage', testMatch: /route-coverage\.check\.ts$/, dependencies: ['journeys'] }
	]
});
