import { randomBytes } from 'node:crypto';
import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { RenderedSection } from '$lib/rendered-section';

/** This process's mark on its placeholders, so one never names another process's section. */
const PROCESS_MARK = randomBytes(8).toString('hex');
let made = 0;
const encoder = new TextEncoder();

/**
 * A section's HTML, kept with its UTF-8 bytes (encoded once, when first sent) and a placeholder that
 * names it in the page until the response leaves (render/splice.ts).
 */
export class KeptHtml {
	readonly html: string;
	readonly placeholder: string;
	#bytes: Uint8Array | null = null;

	constructor(html: string) {
		this.html = html;
		this.placeholder = `<!--kept-section:${PROCESS_MARK}-${++made}-->`;
	}

	get bytes(): Uint8Array {
		this.#bytes ??= encoder.encode(this.html);
		return this.#bytes;
	}
}

/**
 * Page sections rendered once per kept value (issue 8). A report is kept while nothing it reads has
 * changed (reports/kept.ts) and is the same object on every request meanwhile, so its rendering is
 * kept beside it: when the report is rebuilt, the new object is rendered afresh and the old one's
 * HTML goes with it. The component must be a pure function of the props derived from that value.
 */
const kept = new WeakMap<object, Map<Component<never>, KeptHtml>>();

/**
 * Svelte's hydration markers (`<!---->`, `<!--[-->`, `<!--]-->`, `<!--[!-->`, `<!--[1-->`, an
 * `{@html}` hash): the section is never hydrated, and an empty comment inside it would end the
 * browser's walk over the kept nodes early (RenderedHtml.svelte). Text and attributes are escaped,
 * so nothing typed into the app can form one except as harmless literal text.
 */
const MARKER = /<!--(?:\[?!?|\]|\[-?\d+|[a-z0-9]+)-->/g;

export function renderedOnce<P extends Record<string, unknown>>(keptValue: object, component: Component<P>, props: P): KeptHtml {
	let byComponent = kept.get(keptValue);
	if (!byComponent) {
		byComponent = new Map();
		kept.set(keptValue, byComponent);
	}
	const found = byComponent.get(component as Component<never>);
	if (found !== undefined) return found;
	const html = new KeptHtml(renderSection(component, props));
	byComponent.set(component as Component<never>, html);
	return html;
}

/** A section rendered to HTML to keep, without Svelte's hydration markers. */
export function renderSection<P extends Record<string, unknown>>(component: Component<P>, props: P): string {
	return render(component, { props }).body.replace(MARKER, '');
}

/**
 * The section for page data. In a data request (client-side navigation), the HTML itself. In a full
 * page load, a {@link RenderedSection} holding the section's placeholder, which reaches the browser
 * as a marker only: the page renders around the placeholder, and the response hook puts the kept
 * bytes in its place (render/splice.ts), so SvelteKit neither re-encodes nor hashes tens of
 * kilobytes on every request (issue 8).
 */
export function sectionForPage(event: { isDataRequest: boolean; locals: App.Locals }, section: KeptHtml): RenderedSection | string {
	if (event.isDataRequest) return section.html;
	(event.locals.keptSections ??= new Map()).set(section.placeholder, section);
	return new RenderedSection(section.placeholder);
}
