import { originConfig, readOrigin } from '../env';

/**
 * The public address the certificate's QR code and printed check link point at: PUBLIC_BASE_URL,
 * falling back to ORIGIN. A certificate is printed once and kept, so this must be the address the
 * public will still reach (DOMAIN.md §3 step 8). Same rule as ORIGIN: https except on loopback.
 */
export function readPublicBaseUrl(env: Record<string, string | undefined>): string {
	const raw = env.PUBLIC_BASE_URL?.trim();
	if (!raw) return readOrigin(env).origin;
	const origin = readOrigin({ ORIGIN: raw }).origin;
	// Keep a path prefix if the app is served under one (e.g. https://example.org/divert).
	const path = new URL(raw).pathname.replace(/\/+$/, '');
	return origin + path;
}

let cached: string | undefined;
export function publicBaseUrl(): string {
	cached ??= process.env.PUBLIC_BASE_URL?.trim() ? readPublicBaseUrl(process.env) : originConfig().origin;
	return cached;
}

export function checkUrl(code: string): string {
	return `${publicBaseUrl()}/check/${code}`;
}
