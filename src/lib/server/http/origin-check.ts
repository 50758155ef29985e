/**
 * Cross-site request forgery (SECURITY.md): a request that can change something (any method but
 * GET, HEAD and OPTIONS) must come from a page of this app, which browsers prove with the Origin
 * header. SvelteKit has the same check for form posts, but it answers before `handle` runs, so its
 * 403 carried none of our security headers; doing it here answers with them, and covers every
 * content type, not only forms.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isCrossSiteWrite(request: Request, url: URL): boolean {
	if (SAFE_METHODS.has(request.method)) return false;
	return request.headers.get('origin') !== url.origin;
}

export function crossSiteRefusal(request: Request): Response {
	const message = 'Cross-site form submissions are refused';
	const wantsJson = (request.headers.get('accept') ?? '').includes('application/json');
	return wantsJson
		? new Response(JSON.stringify({ message }), { status: 403, headers: { 'content-type': 'application/json' } })
		: new Response(message, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
