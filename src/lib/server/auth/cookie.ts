import type { Cookies } from '@sveltejs/kit';
import { originConfig } from '../env';
import { ABSOLUTE_LIFETIME_MS, SESSION_COOKIE } from './session';

/** HttpOnly, SameSite=Lax, Path=/, and Secure whenever ORIGIN is https (SECURITY.md 9). */
export function setSessionCookie(cookies: Cookies, token: string): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: originConfig().secureCookies,
		maxAge: ABSOLUTE_LIFETIME_MS / 1000
	});
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/', secure: originConfig().secureCookies });
}
