import { describe, expect, it } from 'vitest';
import { KeptHtml } from './kept-section';
import { spliceKeptSections } from './splice';

const page = (body: string, init: ResponseInit = {}) => new Response(body, { status: 200, headers: { 'content-type': 'text/html', etag: '"shell"' }, ...init });

describe('kept sections put into the page as it leaves (issue 8)', () => {
	it('puts each placed section’s bytes where its placeholder is, and gives the new length', async () => {
		const report = new KeptHtml('<p>Zoë’s school — 12 referrals</p>');
		const chart = new KeptHtml('<table><caption>Referrals</caption></table>');
		const placed = new Map([report, chart].map((s) => [s.placeholder, s]));
		const out = await spliceKeptSections(page(`<main>${report.placeholder}<hr>${chart.placeholder}</main>`), placed);
		const expected = `<main>${report.html}<hr>${chart.html}</main>`;
		expect(await out.clone().text()).toBe(expected);
		expect(out.headers.get('content-length')).toBe(String(Buffer.byteLength(expected)));
		expect(out.headers.get('etag')).toBe('"shell"');
		expect(out.headers.get('content-type')).toBe('text/html');
	});

	it('gives each rendering its own placeholder, so a page’s ETag changes whenever a section does', () => {
		expect(new KeptHtml('<p>same</p>').placeholder).not.toBe(new KeptHtml('<p>same</p>').placeholder);
	});

	it('leaves alone a placeholder this request did not place, a typed look-alike, and anything but a complete page', async () => {
		const mine = new KeptHtml('<p>mine</p>');
		const other = new KeptHtml('<p>another request’s</p>');
		const placed = new Map([[mine.placeholder, mine]]);
		const typed = '&lt;!--kept-section:abc-1-->';
		expect(await (await spliceKeptSections(page(`${other.placeholder}${typed}${mine.placeholder}`), placed)).text()).toBe(`${other.placeholder}${typed}<p>mine</p>`);
		const notFound = page(mine.placeholder, { status: 404 });
		expect(await spliceKeptSections(notFound, placed)).toBe(notFound);
		const json = new Response(mine.placeholder, { headers: { 'content-type': 'application/json' } });
		expect(await spliceKeptSections(json, placed)).toBe(json);
	});
});
