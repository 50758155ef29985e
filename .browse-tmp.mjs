import { chromium } from '@playwright/test';
import { generateTOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';

const BASE = 'http://localhost:5199';
const js = process.argv[2] !== 'nojs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'] });
const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 1200, height: 900 } });
const page = await context.newPage();
const consoleErrors = [];
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
await page.goto(`${BASE}/sign-in`);
await page.getByLabel('Email address').fill('admin@example.org');
await page.getByLabel('Password').fill('demo-password-2026');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL(/mfa/);
const code = generateTOTP(decodeBase32IgnorePadding('YTMTVRFMW3FTOUKDOAAARMICJRQL2WG4'), 30, 6);
await page.getByLabel('Code', { exact: true }).fill(code);
await page.getByRole('button', { name: 'Continue' }).click();
await page.waitForURL(/home/);
const shots = process.argv.slice(3);
for (const path of shots) {
	const response = await page.goto(`${BASE}${path}`);
	console.log(path, response?.status(), await page.title());
	await page.screenshot({ path: `/tmp/settings-check/${(js ? 'js' : 'nojs') + path.replace(/[^a-z0-9]+/gi, '_')}.png`, fullPage: true });
}
globalThis.page = page;
if (process.env.SCENARIO) {
	const { default: run } = await import(process.env.SCENARIO);
	await run(page, BASE);
}
console.log('console errors:', consoleErrors);
await browser.close();
