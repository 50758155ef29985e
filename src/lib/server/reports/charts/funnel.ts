import { scaleBand, scaleLinear } from 'd3-scale';
import type { Figure } from '../suppression';
import { bar, COLOURS, describeValues, fit, ids, printedMaximum, svgDocument, text, type Chart } from './svg';
import { HIDDEN_BAR } from './bar';

export interface FunnelStage {
	readonly label: string;
	readonly figure: Figure;
	/** Optional: this stage as a share of the one before, from `percentage` (so it hides with its counts). */
	readonly share?: Figure;
}

const WIDTH = 640;
const LABELS = 170;
const PLOT = 330;
const ROW = 44;

/**
 * The outcome funnel (referred → assessed → completed): one centred bar per stage, narrowing as people
 * leave. The stages are separate counts, not parts of a total. A hidden stage is a fixed-size hatched
 * placeholder (DOMAIN.md §5).
 */
export function funnelChart(options: { id: string; title: string; stages: readonly FunnelStage[]; shareHeading?: string; summary?: string }): Chart {
	const { stages } = options;
	const height = stages.length * ROW + 16;
	const y = scaleBand<number>().domain(stages.map((_, i) => i)).range([8, height - 8]).paddingInner(0.25);
	const x = scaleLinear().domain([0, printedMaximum(stages.map((s) => s.figure))]).range([0, PLOT]);
	const centre = LABELS + PLOT / 2;
	const hatch = ids(options.id).hatch;
	const body = stages.map((stage, i) => {
		const top = y(i) ?? 0;
		const middle = top + y.bandwidth() / 2;
		const width = stage.figure.value === null ? HIDDEN_BAR : x(stage.figure.value);
		const shape = bar({ x: centre - width / 2, y: top, width, height: y.bandwidth() }, stage.figure.value === null, COLOURS.series[0], hatch);
		const value = stage.share ? `${stage.figure.display} (${stage.share.display})` : stage.figure.display;
		return text(LABELS - 10, middle, fit(stage.label, 22), 'text-anchor="end" dominant-baseline="middle"') + shape + text(LABELS + PLOT + 10, middle, value, 'dominant-baseline="middle"');
	});
	const shareHeading = options.shareHeading ?? 'Of the stage before';
	const withShare = stages.some((s) => s.share);
	const description = options.summary ?? `${describeValues(stages)}.`;
	return {
		svg: svgDocument(options.id, WIDTH, height, options.title, description, body.join('')),
		title: options.title,
		description,
		table: {
			caption: options.title,
			head: withShare ? ['Stage', 'Number', shareHeading] : ['Stage', 'Number'],
			rows: stages.map((s) => ({ label: s.label, cells: withShare ? [s.figure.display, s.share?.display ?? ''] : [s.figure.display] }))
		}
	};
}
