import type { Figure } from '../suppression';

/**
 * Pieces shared by the server-rendered charts. Charts are strings of SVG built only from numbers we
 * compute and text that went through `escapeXml`, so the page can place them with {@html}. No `style`
 * attributes or <style> elements: the CSP forbids inline styles, so colours and fonts are presentation
 * attributes.
 */

export interface ChartTable {
	readonly caption: string;
	readonly head: readonly string[];
	readonly rows: readonly { readonly label: string; readonly cells: readonly string[] }[];
}

/** An SVG chart with its text alternative and the table the page prints beside it (WCAG 1.1.1). */
export interface Chart {
	readonly svg: string;
	readonly title: string;
	readonly description: string;
	readonly table: ChartTable;
}

/** Colours on white: series colours at least 3:1 (WCAG 1.4.11), text at least 4.5:1 (1.4.3). */
export const COLOURS = {
	text: '#0b0c0c',
	secondaryText: '#505a5f',
	axis: '#505a5f',
	series: ['#1d70b8', '#00703c', '#4c2c92'],
	hatch: '#505a5f'
} as const;

export const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif" font-size="14"';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an SVG element or a quoted attribute. Control characters XML cannot hold are dropped. */
export function escapeXml(text: string): string {
	return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** The largest printed value, so a hidden count never stretches or shrinks the axis. */
export function printedMaximum(figures: readonly Figure[]): number {
	return Math.max(1, ...figures.map((f) => f.value ?? 0));
}

/** Rounds coordinates so the markup stays short and stable. */
export function px(n: number): string {
	return String(Math.round(n * 10) / 10);
}

/** Unique ids per chart, so two charts on one page do not share a pattern or a title. */
export function ids(chartId: string) {
	const base = chartId.replace(/[^\w-]/g, '-');
	return { title: `${base}-title`, desc: `${base}-desc`, hatch: `${base}-hatch` };
}

/** The hatching drawn in place of a hidden figure's bar: a fixed size, with its label, never its length. */
export function hatchPattern(id: string): string {
	return `<defs><pattern id="${id}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="2" height="6" fill="${COLOURS.hatch}"/></pattern></defs>`;
}

export function svgDocument(chartId: string, width: number, height: number, title: string, description: string, body: string): string {
	const id = ids(chartId);
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id.title} ${id.desc}" class="app-chart" ${FONT}>` +
		`<title id="${id.title}">${escapeXml(title)}</title><desc id="${id.desc}">${escapeXml(description)}</desc>` +
		`${hatchPattern(id.hatch)}${body}</svg>`
	);
}

export function text(x: number, y: number, content: string, attributes = ''): string {
	return `<text x="${px(x)}" y="${px(y)}" fill="${COLOURS.text}"${attributes ? ` ${attributes}` : ''}>${escapeXml(content)}</text>`;
}

/** A bar or column: filled when its figure is printed, hatched at a size the caller fixed when hidden. */
export function bar(box: { x: number; y: number; width: number; height: number }, hidden: boolean, colour: string, hatchId: string): string {
	const paint = hidden ? `fill="url(#${hatchId})" stroke="${COLOURS.hatch}" class="app-chart__hidden"` : `fill="${colour}"`;
	return `<rect x="${px(box.x)}" y="${px(box.y)}" width="${px(box.width)}" height="${px(box.height)}" ${paint}/>`;
}

/** A label cut to fit beside a bar; the data table beside the chart has it in full. */
export function fit(label: string, max = 24): string {
	return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** "Label: value" pairs in words, for a chart's description. */
export function describeValues(items: readonly { label: string; figure: Figure }[]): string {
	return items.map((i) => `${i.label}: ${i.figure.display}`).join('; ');
}
