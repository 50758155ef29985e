import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { RenderedSection } from '$lib/rendered-section';

/**
 * Page sections rendered once per kept value (issue 8). A report is kept while nothing it reads has
 * changed (reports/kept.ts) and is the same object on every request meanwhile, so its rendering is
 * kept beside it: when the report is rebuilt, the new object is rendered afresh and the old one's
 * HTML goes with it. The component must be a pure function of the props derived from that value.
 */
const kept = new WeakMap<object, Map<Component<never>, string>>();

/**
 * Svelte's hydration markers (`<!---->`, `<!--[-->`, `<!--]-->`, `<!--[!-->`, `<!--[1-->`, an
 * `{@html}` hash): the section is never hydrated, and an empty comment inside it would end the
 * browser's walk over the kept nodes early (RenderedHtml.svelte). Text and attributes are escaped,
 * so nothing typed into the app can form one except as harmless literal text.
 */
const MARKER = /<!--(?:\[?!?|\]|\[-?\d+|[a-z0-9]+)-->/g;

export function renderedOnce<P extends Record<string, unknown>>(keptValue: object, component: Component<P>, props: P): string {
	let byComponent = kept.get(keptValue);
	if (!byComponent) {
		byComponent = new Map();
		kept.set(keptValue, byComponent);
	}
	const found = byComponent.get(component as Component<never>);
	if (found !== undefined) return found;
	const html = renderSection(component, props);
	byComponent.set(component as Component<never>, html);
	return html;
}

/** A section rendered to HTML to keep, without Svelte's hydration markers. */
export function renderSection<P extends Record<string, unknown>>(component: Component<P>, props: P): string {
	return render(component, { props }).body.replace(MARKER, '');
}

/**
 * The section for page data: in a full page load a {@link RenderedSection}, which reaches the
 * browser as a marker only; in a data request (client-side navigation) the HTML itself.
 */
export function sectionForPage(event: { isDataRequest: boolean }, html: string): RenderedSection | string {
	return event.isDataRequest ? html : new RenderedSection(html);
}
