import { scaleBand, scaleLinear } from 'd3-scale';
import type { Figure } from '../suppression';
import { bar as drawBar, COLOURS, describeValues, fit, ids, printedMaximum, svgDocument, text, type Chart } from './svg';

export interface Bar {
	readonly label: string;
	readonly figure: Figure;
}

const WIDTH = 640;
const LABELS = 190;
const PLOT = 360;
const ROW = 34;
/**
 * More bars than this make a chart nobody can read (a service's every school, say): the figures are
 * then given as the table alone, which lists them all and can be searched in the browser.
 */
export const MAX_BARS = 30;
/** A hidden figure's placeholder is this wide whatever the count is, so its size gives nothing away. */
export const HIDDEN_BAR = 28;

/**
 * A breakdown as horizontal bars (groups down the side, counts across), each labelled with its printed
 * figure. A hidden figure is a hatched placeholder of fixed size labelled "<5" or "hidden" (DOMAIN.md §5).
 */
export function barChart(options: { id: string; title: string; valueHeading: string; bars: readonly Bar[]; summary?: string }): Chart {
	const { bars } = options;
	const table = { caption: options.title, head: ['Group', options.valueHeading], rows: bars.map((b) => ({ label: b.label, cells: [b.figure.display] })) };
	if (bars.length > MAX_BARS) return { svg: '', title: options.title, description: `${options.valueHeading} for ${bars.length} groups: too many to chart, so given as a table.`, table };
	const height = bars.length * ROW + 16;
	const y = scaleBand<number>().domain(bars.map((_, i) => i)).range([8, height - 8]).paddingInner(0.3);
	const x = scaleLinear().domain([0, printedMaximum(bars.map((b) => b.figure))]).range([0, PLOT]);
	const hatch = ids(options.id).hatch;
	const body = bars.map((bar, i) => {
		const top = y(i) ?? 0;
		const middle = top + y.bandwidth() / 2;
		const label = text(LABELS - 10, middle, fit(bar.label), 'text-anchor="end" dominant-baseline="middle"');
		const length = bar.figure.value === null ? HIDDEN_BAR : x(bar.figure.value);
		const shape = drawBar({ x: LABELS, y: top, width: length, height: y.bandwidth() }, bar.figure.value === null, COLOURS.series[0], hatch);
		return label + shape + text(LABELS + length + 6, middle, bar.figure.display, 'dominant-baseline="middle"');
	});
	const axis = `<line x1="${LABELS}" y1="4" x2="${LABELS}" y2="${height - 4}" stroke="${COLOURS.axis}"/>`;
	const description = options.summary ?? `${options.valueHeading} by group. ${describeValues(bars)}.`;
	return {
		svg: svgDocument(options.id, WIDTH, height, options.title, description, axis + body.join('')),
		title: options.title,
		description,
		table
	};
}
