import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { startDatabase, db } from '$lib/server/db';
import { authenticate, isFullySignedIn } from '$lib/server/auth/context';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import { anonymousDenial, unverifiedDenial } from '$lib/server/auth/guard';
import { withAuditBatch } from '$lib/server/audit/audit';
import { redirectResponse } from '$lib/server/http/redirect';
import { originConfig } from '$lib/server/env';
import { applySecurityHeaders } from '$lib/server/http/headers';
import { spliceKeptSections } from '$lib/server/render/splice';
import { crossSiteRefusal, isCrossSiteWrite } from '$lib/server/http/origin-check';
import { nulRefusal, postsNulCharacter } from '$lib/server/http/nul-text';
import { startWorker, stopWorker } from '$lib/server/outbox/worker';
import { newId } from '$lib/server/util/ids';
import { errorSummary, log, stackFrames } from '$lib/server/util/log';

export const init: ServerInit = async () => {
	await startDatabase();
	if (process.env.OUTBOX_WORKER !== 'off') {
		startWorker();
		// adapter-node emits this on SIGTERM/SIGINT once requests have drained.
		process.once('sveltekit:shutdown', () => void stopWorker());
	}
};

export const handle: Handle = async ({ event, resolve }) => {
	if (isCrossSiteWrite(event.request, event.url)) {
		const refusal = crossSiteRefusal(event.request);
		applySecurityHeaders(refusal, false);
		return refusal;
	}
	if (await postsNulCharacter(event.request)) {
		const refusal = nulRefusal();
		applySecurityHeaders(refusal, false);
		return refusal;
	}
	event.locals.auth = null;
	event.locals.expiredUserId = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const check = await authenticate(db(), token);
		if (check.status === 'valid') {
			event.locals.auth = check.auth;
		} else if (check.status === 'expired') {
			event.locals.expiredUserId = check.userId;
		}
		if (!event.locals.auth) event.cookies.delete(SESSION_COOKIE, { path: '/', secure: originConfig().secureCookies });
	}
	// Backstop: every (app) route calls the guard itself, but a route that forgot still refuses.
	const auth = event.locals.auth;
	let response: Response;
	if (event.route.id?.startsWith('/(app)') && !(auth && isFullySignedIn(auth))) {
		const denial = auth ? unverifiedDenial(event, auth) : await anonymousDenial(event);
		response = redirectResponse(event, denial);
	} else if (event.request.method === 'GET' || event.request.method === 'HEAD') {
		// A page's panels each audit their read: one commit for them all (audit.ts withAuditBatch).
		response = await withAuditBatch(async () => resolve(event));
	} else {
		response = await resolve(event);
	}
	if (event.locals.keptSections) response = await spliceKeptSections(response, event.locals.keptSections);
	applySecurityHeaders(response, event.locals.auth !== null);
	return response;
};

/** A generic page with an id; the detail goes to the log, never to the person (SECURITY.md 14). */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message: 'Page not found' };
	const errorId = newId();
	log('error', 'unhandled', { errorId, status, path: event.route.id, error: errorSummary(error), stack: stackFrames(error) });
	return { message: status >= 500 ? 'Sorry, there is a problem with the service' : message, errorId };
};
