import type { RequestEvent } from '@sveltejs/kit';
import { SESSION_COOKIE } from '../auth/session';
import { PENDING_COOKIE_OPTIONS, type Denial } from '../auth/guard';
import { originConfig } from '../env';

/**
 * The redirect the hooks' backstop answers with, built here rather than thrown, so that it carries
 * the security headers and its cookies, in the shape each kind of request expects: a page load gets
 * a 303, SvelteKit's client-side data and form requests get its JSON redirect.
 */
export function redirectResponse(event: RequestEvent, denial: Denial): Response {
	const headers = new Headers();
	const secure = originConfig().secureCookies;
	if (denial.cookie) {
		headers.append('set-cookie', event.cookies.serialize(denial.cookie.name, denial.cookie.value, { ...PENDING_COOKIE_OPTIONS, secure, maxAge: denial.cookie.maxAge }));
	}
	if (event.cookies.get(SESSION_COOKIE) && !event.locals.auth) {
		headers.append('set-cookie', event.cookies.serialize(SESSION_COOKIE, '', { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 0 }));
	}
	const accept = event.request.headers.get('accept') ?? '';
	if (event.isDataRequest) {
		headers.set('content-type', 'application/json');
		return new Response(JSON.stringify({ type: 'redirect', location: denial.location }), { status: 200, headers });
	}
	if (event.request.method === 'POST' && accept.includes('application/json') && !accept.includes('text/html')) {
		headers.set('content-type', 'application/json');
		return new Response(JSON.stringify({ type: 'redirect', status: 303, location: denial.location }), { status: 200, headers });
	}
	headers.set('location', denial.location);
	return new Response(null, { status: 303, headers });
}
