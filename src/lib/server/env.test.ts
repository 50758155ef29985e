import { describe, expect, it } from 'vitest';
import { readOrigin } from './env';

describe('ORIGIN and secure cookies (SECURITY.md 9)', () => {
	it('marks cookies Secure for an https origin', () => {
		expect(readOrigin({ ORIGIN: 'https://divert.example.org' })).toEqual({ origin: 'https://divert.example.org', secureCookies: true });
	});

	it.each(['http://localhost:3000', 'http://127.0.0.1:4173', 'http://[::1]:3000'])('allows http on the loopback host %s', (origin) => {
		expect(readOrigin({ ORIGIN: origin }).secureCookies).toBe(false);
	});

	it('refuses http anywhere else', () => {
		expect(() => readOrigin({ ORIGIN: 'http://divert.example.org' })).toThrow(/must be https/);
		expect(() => readOrigin({ ORIGIN: 'http://192.168.1.10' })).toThrow(/must be https/);
	});

	it('defaults to localhost on PORT', () => {
		expect(readOrigin({ PORT: '3100' }).origin).toBe('http://localhost:3100');
	});
});
