/** The public address the app is served at, and whether cookies must be Secure (SECURITY.md 9). */
export interface OriginConfig {
	origin: string;
	secureCookies: boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function readOrigin(env: Record<string, string | undefined>): OriginConfig {
	const raw = env.ORIGIN?.trim() || `http://localhost:${env.PORT?.trim() || '3000'}`;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new Error(`ORIGIN is not a URL: ${raw}`);
	}
	if (url.protocol === 'https:') return { origin: url.origin, secureCookies: true };
	if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) {
		return { origin: url.origin, secureCookies: false };
	}
	throw new Error('ORIGIN must be https, except on a loopback host (localhost, 127.0.0.1, ::1)');
}

let cached: OriginConfig | undefined;
export function originConfig(): OriginConfig {
	cached ??= readOrigin(process.env);
	return cached;
}
