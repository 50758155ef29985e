import { chromium } from '@playwright/test';
const base = 'http://localhost:5181';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
page.on('response', (r) => { if (r.request().resourceType() === 'document') console.log(r.status(), r.url(), r.headers().location ?? ''); });
await page.goto(base + '/sign-in');
await page.getByLabel('Email address').fill(process.argv[2]);
await page.getByLabel('Password').fill('demo-password-2026');
await page.getByRole('button', { name: /sign in/i }).click();
await page.waitForURL(/home|mfa/);
if (page.url().includes('/mfa')) {
  const { execSync } = await import('node:child_process');
  const out = execSync(`npm run -s demo:code -- ${process.argv[2]}`, { env: { ...process.env, DATABASE_URL: 'file:/tmp/demo5.db' } }).toString();
  await page.getByLabel(/code/i).first().fill(out.match(/\b\d{6}\b/)[0]);
  await page.getByRole('button', { name: /continue|verify|sign in/i }).first().click();
  await page.waitForURL((u) => u.pathname === '/home');
}
for (const p of process.argv.slice(3)) {
  await page.goto(base + p);
  await page.waitForLoadState('networkidle');
  const file = `/tmp/shots/look-${Math.random().toString(36).slice(2,6)}.png`;
  await page.screenshot({ path: file, fullPage: true });
  const h = await page.evaluate(() => document.body.scrollHeight);
  for (let y = 0, i = 0; y < h && i < 8; y += 1400, i++) await page.screenshot({ path: file.replace('.png', `-${i}.png`), fullPage: true, clip: { x: 0, y, width: 1200, height: Math.min(1400, h - y) } });
  console.log(file, page.url(), await page.title());
}
await browser.close();
