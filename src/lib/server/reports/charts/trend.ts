import { scaleBand, scaleLinear } from 'd3-scale';
import type { Figure } from '../suppression';
import { bar, COLOURS, fit, ids, printedMaximum, px, svgDocument, text, type Chart } from './svg';

export interface Series {
	readonly name: string;
	/** One figure per period, in the periods' order. */
	readonly figures: readonly Figure[];
}

const WIDTH = 640;
const HEIGHT = 300;
const LEFT = 48;
const RIGHT = 16;
const TOP = 40;
const BOTTOM = 250;
/** A hidden figure's placeholder column is this tall whatever the count is. */
export const HIDDEN_COLUMN = 24;

/**
 * The periods' names under the columns: the words they all share ("Financial year ", "Quarter ") are
 * left off so the part that differs fits; the title, description and table keep the full names.
 */
export function axisLabels(periods: readonly string[]): string[] {
	if (periods.length < 2) return [...periods];
	const words = periods.map((p) => p.split(' '));
	let shared = 0;
	while (words.every((w) => w.length > shared + 1 && w[shared] === words[0]?.[shared])) shared++;
	return words.map((w) => w.slice(shared).join(' '));
}

/**
 * Referrals and outcomes over periods as grouped columns, one colour per series with a legend and the
 * printed figure above each column (colour is never the only cue, WCAG 1.4.1). Columns rather than lines:
 * a hidden figure breaks a line but can stand as a fixed-size hatched column (DOMAIN.md §5).
 */
export function trendChart(options: { id: string; title: string; periods: readonly string[]; series: readonly Series[]; summary?: string }): Chart {
	const { periods, series } = options;
	if (series.length > COLOURS.series.length) throw new Error(`A trend chart shows at most ${COLOURS.series.length} series`);
	if (series.some((s) => s.figures.length !== periods.length)) throw new Error('Each series needs one figure per period');
	const x = scaleBand<number>().domain(periods.map((_, i) => i)).range([LEFT, WIDTH - RIGHT]).paddingInner(0.25).paddingOuter(0.1);
	const inner = scaleBand<number>().domain(series.map((_, i) => i)).range([0, x.bandwidth()]).paddingInner(0.1);
	const y = scaleLinear().domain([0, printedMaximum(series.flatMap((s) => s.figures))]).range([BOTTOM, TOP]).nice();
	const hatch = ids(options.id).hatch;
	const grid = y.ticks(4).map((tick) => `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${px(y(tick))}" y2="${px(y(tick))}" stroke="#b1b4b6"/>` + text(LEFT - 6, y(tick), tick.toLocaleString('en-GB'), 'text-anchor="end" dominant-baseline="middle" font-size="12"'));
	const legend = series.map((s, i) => `<rect x="${LEFT + i * 180}" y="6" width="14" height="14" fill="${COLOURS.series[i]}"/>` + text(LEFT + i * 180 + 20, 13, fit(s.name, 22), 'dominant-baseline="middle"'));
	const axis = axisLabels(periods);
	const columns = periods.flatMap((_period, p) => [
		text((x(p) ?? 0) + x.bandwidth() / 2, BOTTOM + 20, fit(axis[p] ?? '', 16), 'text-anchor="middle" font-size="12"'),
		...series.map((s, i) => {
			const figure = s.figures[p] as Figure;
			const left = (x(p) ?? 0) + (inner(i) ?? 0);
			const top = figure.value === null ? BOTTOM - HIDDEN_COLUMN : y(figure.value);
			const column = bar({ x: left, y: top, width: inner.bandwidth(), height: BOTTOM - top }, figure.value === null, COLOURS.series[i] ?? COLOURS.series[0], hatch);
			return column + text(left + inner.bandwidth() / 2, top - 4, figure.display, 'text-anchor="middle" font-size="12"');
		})
	]);
	const baseline = `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${BOTTOM}" y2="${BOTTOM}" stroke="${COLOURS.axis}"/>`;
	const description = options.summary ?? series.map((s) => `${s.name}: ${periods.map((p, i) => `${p} ${s.figures[i]?.display ?? ''}`).join(', ')}`).join('. ') + '.';
	return {
		svg: svgDocument(options.id, WIDTH, HEIGHT, options.title, description, grid.join('') + baseline + legend.join('') + columns.join('')),
		title: options.title,
		description,
		table: { caption: options.title, head: ['Period', ...series.map((s) => s.name)], rows: periods.map((p, i) => ({ label: p, cells: series.map((s) => s.figures[i]?.display ?? '') })) }
	};
}
