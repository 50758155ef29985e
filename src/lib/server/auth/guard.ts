import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { db } from '../db';
import { formOrNull } from '../http/form-body';
import { originConfig } from '../env';
import type { Actor } from './actor';
import { isFullySignedIn, type AuthContext } from './context';
import { hasFreshStepUp } from './mfa';
import { keepPendingForm, PENDING_FORM_COOKIE, takePendingForm } from './pending-form';
import { POLICY, scopeFor, type Action, type PolicyRow } from './policy';

type Policy = typeof POLICY;
export type GuardResult<A extends Action> = Policy[A] extends { public: true } ? Actor | null : Actor;

export function clientAddress(event: RequestEvent): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

function toActor(event: RequestEvent, auth: AuthContext): Actor {
	return {
		userId: auth.userId,
		role: auth.role,
		serviceId: auth.serviceId,
		schoolId: auth.schoolId,
		senior: auth.senior,
		sessionId: auth.session.id,
		mfaVerifiedAt: auth.session.mfaVerifiedAt,
		mfaEnrolled: auth.mfaEnrolled,
		address: clientAddress(event)
	};
}

/** A safe place to come back to after signing in: a path on this site, never another host. */
export function safeNext(value: string | null | undefined): string | null {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
	return value.length <= 2000 ? value : null;
}

function here(event: RequestEvent): string {
	return event.url.pathname + event.url.search;
}

/**
 * The page a form was posted from: its path and query without SvelteKit's named-action key
 * (`?/save`), so a kept form comes back to the same page (`/…/edit?la=…`), not a bare path.
 */
function formPage(event: RequestEvent): string {
	const query = new URLSearchParams([...event.url.searchParams].filter(([key]) => !key.startsWith('/')));
	const search = query.toString();
	return event.url.pathname + (search ? `?${search}` : '');
}

export interface Denial {
	location: string;
	/** A cookie to set with the redirect (the kept form's id). */
	cookie?: { name: string; value: string; maxAge: number };
}

/**
 * Nobody is signed in: where to send them. A form posted by someone whose session just timed out is
 * kept, so after signing in again they are back on the form with what they typed (SECURITY.md 8).
 */
export async function anonymousDenial(event: RequestEvent): Promise<Denial> {
	const expiredUserId = event.locals.expiredUserId;
	const isForm = event.request.method === 'POST' && /form/.test(event.request.headers.get('content-type') ?? '');
	const form = expiredUserId && isForm ? await formOrNull(event.request) : null;
	if (expiredUserId && form) {
		const id = await keepPendingForm(db(), expiredUserId, event.url.pathname, form);
		return {
			location: `/sign-in?timeout=1&next=${encodeURIComponent(formPage(event))}`,
			cookie: { name: PENDING_FORM_COOKIE, value: id, maxAge: 3600 }
		};
	}
	const next = event.request.method === 'GET' ? `?next=${encodeURIComponent(here(event))}` : '';
	return { location: `/sign-in${next}` };
}

/** Signed in with a password only: to the MFA pages, coming back here after. */
export function unverifiedDenial(event: RequestEvent, auth: AuthContext): Denial {
	return { location: auth.mfaEnrolled ? `/mfa?next=${encodeURIComponent(here(event))}` : '/mfa/setup' };
}

export const PENDING_COOKIE_OPTIONS = { path: '/', httpOnly: true, sameSite: 'lax' as const };

async function denyAnonymous(event: RequestEvent): Promise<never> {
	const denial = await anonymousDenial(event);
	if (denial.cookie) {
		event.cookies.set(denial.cookie.name, denial.cookie.value, { ...PENDING_COOKIE_OPTIONS, secure: originConfig().secureCookies, maxAge: denial.cookie.maxAge });
	}
	redirect(303, denial.location);
}

/**
 * The one guard (STYLE.md rule 3): the first line of every load, action and endpoint. It names an
 * action from the policy table and returns the actor, or refuses: anonymous people go to sign-in,
 * a password-only session to the MFA pages, anyone without the role gets 404 (so nothing is learnt
 * about what exists), and an export without a fresh MFA code goes to step-up.
 */
export async function guard<A extends Action>(event: RequestEvent, action: A): Promise<GuardResult<A>> {
	const row: PolicyRow = POLICY[action];
	const auth = event.locals.auth;
	if (row.public) {
		return (auth && isFullySignedIn(auth) ? toActor(event, auth) : null) as GuardResult<A>;
	}
	if (!auth) return denyAnonymous(event);
	if (scopeFor(action, auth.role) === null) error(404, 'Not found');
	if (!isFullySignedIn(auth) && !row.mfaPending) redirect(303, unverifiedDenial(event, auth).location);
	if (row.stepUp && !hasFreshStepUp(auth.session)) {
		if (!auth.mfaEnrolled) redirect(303, '/mfa/setup');
		const next = event.request.method === 'GET' ? here(event) : formPage(event);
		redirect(303, `/step-up?next=${encodeURIComponent(next)}`);
	}
	return toActor(event, auth) as GuardResult<A>;
}

/** The form a person posted when their session timed out, if they are back on that page now. */
export async function takeKeptForm(event: RequestEvent, actor: Actor): Promise<FormData | null> {
	const id = event.cookies.get(PENDING_FORM_COOKIE);
	if (!id) return null;
	const form = await takePendingForm(db(), id, actor.userId, event.url.pathname);
	if (form) event.cookies.delete(PENDING_FORM_COOKIE, { path: '/' });
	return form;
}
