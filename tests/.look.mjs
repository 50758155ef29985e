import { chromium } from '@playwright/test';
import { execSync } from 'node:child_process';
const base = process.env.BASE ?? 'http://localhost:5180';
const [email, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
await page.goto(base + '/sign-in');
await page.getByLabel('Email address').fill(email);
await page.getByLabel('Password').fill('demo-password-2026');
await page.getByRole('button', { name: /sign in/i }).click();
await page.waitForLoadState('networkidle');
if (page.url().includes('/mfa')) {
  const code = execSync(`npm run -s demo:code -- ${email}`, { env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL } }).toString().trim().split('\n').pop().match(/\d{6}/)[0];
  await page.getByLabel(/code/i).first().fill(code);
  await page.getByRole('button', { name: /continue|verify|sign in/i }).first().click();
  await page.waitForLoadState('networkidle');
}
let i = 0;
for (const p of paths) {
  if (p.startsWith('click:')) { await page.getByRole('link', { name: p.slice(6) }).first().click(); await page.waitForLoadState('networkidle'); }
  else { await page.goto(base + p); await page.waitForLoadState('networkidle'); }
  const file = `/tmp/shots/${email.split('@')[0]}-${i++}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(file, page.url());
}
await browser.close();
