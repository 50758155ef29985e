import type { Cookies, RequestEvent } from '@sveltejs/kit';
import type { AuthContext } from '$lib/server/auth/context';

/** A request event as SvelteKit hands it to a load or action, for testing the guard directly. */
export function fakeEvent(options: {
	path: string;
	method?: string;
	auth?: AuthContext | null;
	expiredUserId?: string | null;
	form?: Record<string, string>;
	cookies?: Record<string, string>;
}): RequestEvent & { jar: Map<string, string> } {
	const jar = new Map(Object.entries(options.cookies ?? {}));
	const cookies = {
		get: (name: string) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name: string, value: string) => void jar.set(name, value),
		delete: (name: string) => void jar.delete(name),
		serialize: () => ''
	} as unknown as Cookies;
	const url = new URL(`http://localhost${options.path}`);
	const body = options.form ? new URLSearchParams(options.form) : undefined;
	const request = new Request(url, {
		method: options.method ?? 'GET',
		body,
		headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}
	});
	return {
		jar,
		cookies,
		url,
		request,
		locals: { auth: options.auth ?? null, expiredUserId: options.expiredUserId ?? null },
		getClientAddress: () => '127.0.0.1',
		params: {},
		route: { id: null },
		platform: undefined,
		isDataRequest: false,
		isSubRequest: false,
		isRemoteRequest: false,
		fetch,
		setHeaders: () => {},
		tracing: { enabled: false, root: undefined, current: undefined }
	} as unknown as RequestEvent & { jar: Map<string, string> };
}
