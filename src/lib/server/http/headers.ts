/**
 * Headers on every response SvelteKit renders (SECURITY.md 12). HTML pages get their CSP from
 * `kit.csp` in svelte.config.js (with hashes and nonces); everything else (endpoints, redirects,
 * errors) gets a CSP that allows nothing at all.
 */
const NON_HTML_CSP = "default-src 'none'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'";

export function applySecurityHeaders(response: Response, signedIn: boolean): void {
	const set = (name: string, value: string) => {
		try {
			response.headers.set(name, value);
		} catch {
			// A response with immutable headers (a fetched Response passed through): leave it.
		}
	};
	if (!response.headers.has('content-security-policy')) set('Content-Security-Policy', NON_HTML_CSP);
	set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
	set('X-Content-Type-Options', 'nosniff');
	// same-origin, not no-referrer: under no-referrer the browser sends `Origin: null` with a plain form
	// POST, and SvelteKit's CSRF check then refuses every form sent without JavaScript.
	set('Referrer-Policy', 'same-origin');
	set('X-Frame-Options', 'DENY');
	set('Cross-Origin-Opener-Policy', 'same-origin');
	set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
	// Nothing about children may sit in a shared computer's cache. Public pages don't need caching either.
	if (signedIn || !response.headers.has('cache-control')) set('Cache-Control', 'no-store');
}
