import { join } from 'node:path';
import { isActionFailure, isHttpError, isRedirect, type RequestEvent } from '@sveltejs/kit';
import type { AuthContext } from '$lib/server/auth/context';
import { dataAsSent } from '../as-sent';
import { fakeEvent } from '../event';
import { pdfText } from '../pdf';
import { storedEntries } from '../zip';
import type { RouteHandler } from '../route-handlers';
import { ROUTES_DIR } from '../routes';
import type { Outcome } from './expect';

/**
 * Calls one load, form action or endpoint handler as SvelteKit would, with a fake request event, and
 * reads its answer: data, a failed form, a Response, or the redirect or error it throws.
 */
export type FormEntries = [string, string][];

export interface MatrixRequest {
	/** Path and query, without the named action. */
	path: string;
	params: Record<string, string>;
	auth: AuthContext | null;
	form?: FormEntries;
	/** Each request comes from its own address, so per-address rate limits never decide an answer. */
	address: string;
}

type Module = Record<string, unknown>;
type Callable = (event: RequestEvent) => unknown;
const modules = new Map<string, Promise<Module>>();

export function routeModule(file: string): Promise<Module> {
	let loaded = modules.get(file);
	if (!loaded) {
		loaded = import(/* @vite-ignore */ join(ROUTES_DIR, file)) as Promise<Module>;
		modules.set(file, loaded);
	}
	return loaded;
}

export async function callableOf(handler: RouteHandler): Promise<Callable> {
	const mod = await routeModule(handler.file);
	const found = handler.name.startsWith('actions.') ? (mod.actions as Record<string, unknown> | undefined)?.[handler.name.slice(8)] : mod[handler.name];
	if (typeof found !== 'function') throw new Error(`${handler.file} has no callable ${handler.name}`);
	return found as Callable;
}

export const isPost = (handler: RouteHandler) => handler.name.startsWith('actions.') || handler.name === 'POST';

export function eventFor(handler: RouteHandler, req: MatrixRequest): RequestEvent {
	const named = handler.name.startsWith('actions.') && handler.name !== 'actions.default' ? `${req.path.includes('?') ? '&' : '?'}/${handler.name.slice(8)}` : '';
	const base = fakeEvent({ path: req.path + named, method: isPost(handler) ? 'POST' : 'GET', auth: req.auth });
	const request = isPost(handler)
		? new Request(base.url, { method: 'POST', body: new URLSearchParams(req.form ?? []), headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'access-matrix' } })
		: base.request;
	return {
		...base,
		request,
		params: req.params,
		route: { id: handler.routeId },
		getClientAddress: () => req.address,
		parent: async () => ({}),
		depends: () => undefined,
		untrack: <T>(fn: () => T) => fn()
	} as unknown as RequestEvent;
}

async function responseBody(response: Response): Promise<string> {
	const type = response.headers.get('content-type') ?? '';
	if (type.includes('application/pdf')) return (await pdfText(new Uint8Array(await response.arrayBuffer()))).text;
	// A ZIP of PDFs (a session's certificates): each file's name and text, so its canaries are found.
	if (type.includes('application/zip')) {
		const files = storedEntries(new Uint8Array(await response.arrayBuffer()));
		return (await Promise.all(files.map(async (f) => `${f.name}\n${(await pdfText(f.data)).text}`))).join('\n');
	}
	return response.text();
}

export async function invoke(handler: RouteHandler, req: MatrixRequest): Promise<Outcome> {
	const call = await callableOf(handler);
	const event = eventFor(handler, req);
	try {
		const result = await call(event);
		if (result instanceof Response) {
			return { status: result.status, location: result.headers.get('location') ?? undefined, body: await responseBody(result) };
		}
		if (isActionFailure(result)) return { status: result.status, body: JSON.stringify(result.data) };
		// A page's kept sections, placed by placeholder, read as the person gets them.
		return { status: 200, body: dataAsSent(event, result ?? null) };
	} catch (e) {
		if (isRedirect(e)) return { status: e.status, location: e.location, body: '' };
		if (isHttpError(e)) return { status: e.status, body: JSON.stringify(e.body) };
		return { status: 500, body: '', crash: e instanceof Error ? `${e.message}\n${e.stack?.split('\n').slice(1, 4).join('\n')}` : String(e) };
	}
}
