import type { Transport } from '@sveltejs/kit';
import { RenderedSection } from '$lib/rendered-section';

/**
 * A rendered section travels to the browser as a marker only: its HTML is already in the page
 * (src/lib/rendered-section.ts). Data requests never carry one (kept-section.ts sends the string).
 */
export const transport: Transport = {
	RenderedSection: {
		encode: (value) => value instanceof RenderedSection && [],
		decode: () => new RenderedSection(null)
	}
};
