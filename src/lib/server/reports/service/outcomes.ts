import { METRICS, type MetricDefinition } from '../metrics';
import type { SettingValue } from '../../settings/definitions';
import { FOLLOWED_GROUPS, OUTCOME_GROUPS } from './groups';
import type { FollowUpMeasure } from './shape';
import { metricBlock, percent, pounds, table, totalPounds, type Context, type MetricBlock, type Reader } from './tables';

/** Outcomes (keyed by outcome date), follow-ups by outcome group (keyed by due date) and costs avoided (DOMAIN.md §5). */
export function outcomeBlocks(ctx: Context): MetricBlock[] {
	return [
		metricBlock(ctx, METRICS.outcomes, [
			table(ctx, {
				id: 'outcomes',
				caption: 'Outcomes recorded',
				rowHeading: 'Outcome',
				headings: ['Young people', 'Of all outcomes'],
				rows: [...OUTCOME_GROUPS.map((o) => ({ label: o.label, cells: (read: Reader) => [read(`outcomes/${o.value}`), percent(ctx, read(`outcomes/${o.value}`), read('outcomes'))] })), { label: 'All outcomes', cells: (read) => [read('outcomes'), percent(ctx, read('outcomes'), read('outcomes'))] }]
			})
		]),
		metricBlock(ctx, METRICS.goalsAchieved, [
			table(ctx, {
				id: 'goals',
				caption: 'Goals achieved, by outcome',
				rowHeading: 'Outcome',
				headings: ['Goals set', 'Achieved', 'Partly achieved', 'Achieved, of goals set'],
				rows: [...OUTCOME_GROUPS.map((o) => ({ label: o.label, suffix: `/${o.value}` })), { label: 'All outcomes', suffix: '' }].map(({ label, suffix }) => ({
					label,
					cells: (read: Reader) => [read(`goals/set${suffix}`), read(`goals/achieved${suffix}`), read(`goals/partly${suffix}`), percent(ctx, read(`goals/achieved${suffix}`), read(`goals/set${suffix}`))]
				}))
			})
		]),
		...followUpBlocks(ctx, 6),
		...followUpBlocks(ctx, 12)
	];
}

/** Completers, partial completers and non-engagers, then those who engaged and everyone followed up: each row states its denominator. */
const ROWS = [
	...FOLLOWED_GROUPS.map((g) => ({ key: g.value, label: g.label })),
	{ key: 'engaged', label: 'Those who engaged (completed or partially completed)' },
	{ key: 'all', label: 'Everyone followed up (completed, partially completed or did not engage)' }
];

function followUpBlocks(ctx: Context, months: 6 | 12): MetricBlock[] {
	const fu = `fu${months}`;
	const due = (read: Reader, key: string) => read(key === 'all' ? `${fu}/all` : `${fu}/${key}`);
	const returned = (read: Reader, key: string) => read(`${fu}/${key}/returned`);
	const measure = (metric: MetricDefinition, m: FollowUpMeasure, caption: string, against: 'due' | 'returned') =>
		metricBlock(ctx, metric, [
			table(ctx, {
				id: `${fu}-${m}`,
				caption,
				rowHeading: 'Outcome of the programme',
				headings: ['Young people', against === 'due' ? 'Out of: follow-ups due' : 'Out of: follow-ups returned', 'Percentage'],
				rows: ROWS.map((row) => ({
					label: row.label,
					cells: (read: Reader) => {
						const of = against === 'due' ? due(read, row.key) : returned(read, row.key);
						return [read(`${fu}/${m}/${row.key}`), of, percent(ctx, read(`${fu}/${m}/${row.key}`), of)];
					}
				}))
			})
		]);
	const six = months === 6;
	return [
		metricBlock(ctx, six ? METRICS.followUpReturns6 : METRICS.followUpReturns12, [
			table(ctx, {
				id: `${fu}-returns`,
				caption: `Follow-ups due at ${months} months`,
				rowHeading: 'Outcome of the programme',
				headings: ['Due', 'Returned', 'Not returned', 'Still awaited'],
				rows: ROWS.map((row) => ({ label: row.label, cells: (read: Reader) => [due(read, row.key), returned(read, row.key), read(`${fu}/${row.key}/not_returned`), read(`${fu}/${row.key}/awaiting`)] }))
			})
		]),
		measure(six ? METRICS.noFurtherIncident6 : METRICS.noFurtherIncident12, 'noFurther', `No further known incident at ${months} months`, 'due'),
		measure(six ? METRICS.repeatIncident6 : METRICS.repeatIncident12, 'incident', `Further drug incident within ${months} months`, 'returned'),
		measure(six ? METRICS.police6 : METRICS.police12, 'police', `Police contact within ${months} months, known to the school or provider`, 'returned'),
		measure(six ? METRICS.suspension6 : METRICS.suspension12, 'suspension', `Suspended within ${months} months`, 'returned')
	];
}

export type UnitCosts = SettingValue<'unitCosts'>;

export function costBlock(ctx: Context, costs: UnitCosts): MetricBlock {
	return metricBlock(ctx, METRICS.costsAvoided, [
		table(ctx, {
			id: 'costs-avoided',
			caption: 'Costs avoided (estimate)',
			rowHeading: 'Estimate',
			headings: ['Figure'],
			rows: [
				{ label: 'Suspension days avoided (estimate)', cells: (read) => [read('daysAvoided')] },
				{ label: 'Cost of suspension days avoided (estimate)', cells: (read) => [pounds(read('daysAvoided'), costs.suspensionDay.pounds)] },
				{ label: 'Permanent exclusions avoided', cells: (read) => [read('exclusionsAvoided')] },
				{ label: 'Cost of permanent exclusions avoided (estimate)', cells: (read) => [pounds(read('exclusionsAvoided'), costs.permanentExclusion.pounds)] },
				{ label: 'Total costs avoided (estimate)', cells: (read) => [totalPounds([pounds(read('daysAvoided'), costs.suspensionDay.pounds), pounds(read('exclusionsAvoided'), costs.permanentExclusion.pounds)])] }
			]
		})
	]);
}
