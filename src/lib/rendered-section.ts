/**
 * A page section rendered once on the server and kept (src/lib/server/render/kept-section.ts). The
 * reports are large: serialising their figures again for the browser to hydrate cost more than the
 * rest of the request (issue 8). In a full page load the section's HTML is already in the document,
 * so the browser is sent only this marker (src/hooks.ts `transport`) and keeps the HTML as it is; a
 * client-side navigation asks for the page's data and gets the HTML itself, as a string.
 */
export class RenderedSection {
	/** The section's HTML on the server; null in the browser, where the document already holds it. */
	readonly html: string | null;

	constructor(html: string | null) {
		this.html = html;
	}
}
