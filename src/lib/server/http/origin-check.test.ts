import { describe, expect, it } from 'vitest';
import { crossSiteRefusal, isCrossSiteWrite } from './origin-check';

const url = new URL('https://divert.example/referrals/abc?/save');
const request = (method: string, origin?: string, accept = 'text/html') =>
	new Request(url, { method, headers: { ...(origin ? { origin } : {}), accept }, body: method === 'GET' || method === 'HEAD' ? undefined : 'a=1' });

describe('the cross-site request check', () => {
	it('lets reads through whatever their origin', () => {
		for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(isCrossSiteWrite(request(method, 'https://attacker.example'), url), method).toBe(false);
	});

	it('lets a write from this origin through', () => {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(isCrossSiteWrite(request(method, 'https://divert.example'), url), method).toBe(false);
	});

	it('refuses a write from another origin, from a look-alike, from "null", or with no Origin at all', () => {
		for (const origin of ['https://attacker.example', 'https://divert.example.attacker.example', 'http://divert.example', 'null', undefined]) {
			expect(isCrossSiteWrite(request('POST', origin), url), String(origin)).toBe(true);
		}
	});

	it('answers 403 in the form the caller asked for', async () => {
		const page = crossSiteRefusal(request('POST', 'https://attacker.example'));
		expect(page.status).toBe(403);
		expect(await page.text()).toBe('Cross-site form submissions are refused');
		const json = crossSiteRefusal(request('POST', 'https://attacker.example', 'application/json'));
		expect(await json.json()).toEqual({ message: 'Cross-site form submissions are refused' });
	});
});
