import { gzipSync } from 'node:zlib';

/**
 * A GET that tries once more when the server closed an idle kept-alive connection just as it was
 * reused (undici's "other side closed"): a race of the connection, not an answer from the app.
 */
export async function getOnce(url: string | URL, init: RequestInit = {}): Promise<Response> {
	try {
		return await fetch(url, init);
	} catch (error) {
		const code = error instanceof TypeError && error.cause instanceof Error && 'code' in error.cause ? error.cause.code : null;
		if (code !== 'UND_ERR_SOCKET') throw error;
		return fetch(url, init);
	}
}

export interface PageAssets {
	jsFiles: number;
	jsBytes: number;
	cssBytes: number;
}

/**
 * The gzipped JavaScript and CSS a browser loads for one page of the running app, read from what the
 * server actually sends: SvelteKit lists every module and stylesheet the page needs in its Link header.
 * `token` signs the request in; the page must answer 200 (a redirect would measure the sign-in page).
 */
export async function pageAssets(base: string, path: string, token: string | null): Promise<PageAssets> {
	const response = await getOnce(`${base}${path}`, { headers: token ? { cookie: `auth_session=${token}` } : {}, redirect: 'manual' });
	await response.arrayBuffer();
	if (response.status !== 200) throw new Error(`${path} answered ${response.status}, not the page`);
	const links = [...(response.headers.get('link') ?? '').matchAll(/<([^>]+)>;\s*rel="(modulepreload|preload)"/g)];
	const js = new Set(links.filter((m) => m[2] === 'modulepreload').map((m) => m[1] ?? ''));
	const css = new Set(links.filter((m) => (m[1] ?? '').endsWith('.css')).map((m) => m[1] ?? ''));
	const gzipped = async (files: Set<string>) => {
		let total = 0;
		for (const file of files) total += gzipSync(Buffer.from(await (await getOnce(new URL(file, `${base}${path}`))).arrayBuffer())).length;
		return total;
	};
	return { jsFiles: js.size, jsBytes: await gzipped(js), cssBytes: await gzipped(css) };
}
