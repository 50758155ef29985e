import type { KeptHtml } from './kept-section';

const encoder = new TextEncoder();
const PLACEHOLDER = /<!--kept-section:[0-9a-f]+-\d+-->/g;

/**
 * Puts each kept section's bytes where the page placed its placeholder (kept-section.ts
 * `sectionForPage`). Only a complete HTML page is touched; the rest of the page (a few kilobytes) is
 * encoded again around the sections. A placeholder this request did not place stays as it is: an
 * HTML comment. SvelteKit's ETag is a hash of the page with the placeholders, and each rendering has
 * its own placeholder, so the ETag still changes whenever the page does.
 */
export async function spliceKeptSections(response: Response, sections: ReadonlyMap<string, KeptHtml>): Promise<Response> {
	if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/html') || !response.body) return response;
	const page = await response.text();
	const parts: Uint8Array[] = [];
	let at = 0;
	for (const match of page.matchAll(PLACEHOLDER)) {
		const section = sections.get(match[0]);
		if (!section) continue;
		parts.push(encoder.encode(page.slice(at, match.index)), section.bytes);
		at = match.index + match[0].length;
	}
	parts.push(encoder.encode(page.slice(at)));
	const body = Buffer.concat(parts);
	const headers = new Headers(response.headers);
	headers.set('content-length', String(body.byteLength));
	return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
