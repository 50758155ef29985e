import autocannon from 'autocannon';
import { getOnce } from '../page-assets';
import type { Run } from './stats';

/** Something the bench drives: a floor or one of the busiest pages, as a signed-in role or anonymously. */
export interface Endpoint {
	name: string;
	/** Who asks, for the table ("DSL", "youth worker", "anonymous"). */
	role: string;
	path: string;
	method: 'GET' | 'POST';
	/** The session token, for signed-in roles. */
	token: string | null;
	/** Whether one request writes an audit row (checked before measuring): a page that does is held to the write floor. */
	audited: boolean;
	/** What a correct answer looks like: its status and content type. */
	status: number;
	contentType: RegExp;
}

export interface LoadOptions {
	seconds: number;
	connections: number;
}

function headers(base: string, e: Endpoint): Record<string, string> {
	const h: Record<string, string> = { accept: e.contentType.test('application/pdf') ? 'application/pdf' : 'text/html' };
	if (e.token) h.cookie = `auth_session=${e.token}`;
	// A write from this app's own pages carries its origin; anything else is refused as cross-site.
	if (e.method === 'POST') h.origin = base;
	return h;
}

/** One fixed-duration run with autocannon on loopback. */
export async function hammer(base: string, e: Endpoint, o: LoadOptions): Promise<Run> {
	const result = await autocannon({ url: `${base}${e.path}`, method: e.method, headers: headers(base, e), connections: o.connections, duration: o.seconds, timeout: 60 });
	const completed = result.requests.total;
	return {
		rps: result.duration > 0 ? completed / result.duration : 0,
		p50: completed > 0 ? result.latency.p50 : Number.NaN,
		p99: completed > 0 ? result.latency.p99 : Number.NaN,
		completed,
		bad: result.non2xx + result.errors + result.timeouts
	};
}

/**
 * One request as the load will make it, timed: throws unless the answer is the page itself (not a
 * redirect to sign-in, say). Null when no answer came within `timeoutMs`.
 */
export async function probe(base: string, e: Endpoint, timeoutMs: number): Promise<number | null> {
	const started = performance.now();
	let response: Response;
	try {
		const init: RequestInit = { method: e.method, headers: headers(base, e), redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) };
		response = await (e.method === 'GET' ? getOnce(`${base}${e.path}`, init) : fetch(`${base}${e.path}`, init));
		await response.arrayBuffer();
	} catch (error) {
		if (error instanceof DOMException && error.name === 'TimeoutError') return null;
		throw error;
	}
	const ms = performance.now() - started;
	const type = response.headers.get('content-type') ?? '';
	if (response.status !== e.status || (e.status !== 204 && !e.contentType.test(type))) {
		throw new Error(`${e.name} (${e.method} ${e.path}) answered ${response.status} ${type} ${response.headers.get('location') ?? ''}: expected ${e.status} ${e.contentType}`);
	}
	return ms;
}

/**
 * autocannon abandons requests still in flight when a run ends, but the server goes on working on
 * them: wait until it answers /health quickly a few times in a row, so one page's leftovers do not
 * slow the next page's run.
 */
export async function settle(base: string, maxMs = 120_000): Promise<void> {
	const deadline = Date.now() + maxMs;
	let quick = 0;
	while (quick < 3 && Date.now() < deadline) {
		const started = performance.now();
		await (await getOnce(`${base}/health`)).arrayBuffer();
		quick = performance.now() - started < 25 ? quick + 1 : 0;
		await new Promise((r) => setTimeout(r, 50));
	}
}
