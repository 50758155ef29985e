import { barChart } from '../charts/bar';
import { funnelChart } from '../charts/funnel';
import type { Chart } from '../charts/svg';
import { trendChart } from '../charts/trend';
import { percentage } from '../figures';
import type { Period } from '../periods';
import type { SuppressedReport } from '../suppression';
import type { BreakdownView } from './breakdown-view';

/** The report's charts, drawn on the server from the same suppressed cells as its tables. Pure. */
export function governorCharts(report: SuppressedReport, trend: readonly { view: string; period: Period }[], ethnicity: BreakdownView | undefined, minimumDenominator: number): Chart[] {
	const oldestFirst = [...trend].reverse();
	const cell = (id: string) => report.cell(`current:${id}`);
	const charts: Chart[] = [
		trendChart({
			id: 'trend',
			title: 'Referrals and completions by period',
			periods: oldestFirst.map((p) => p.period.label),
			series: [
				{ name: 'Referrals', figures: oldestFirst.map((p) => report.cell(`${p.view}:referrals`)) },
				{ name: 'Completed the programme', figures: oldestFirst.map((p) => report.cell(`${p.view}:outcomes/completed`)) }
			]
		}),
		funnelChart({
			id: 'funnel',
			title: 'From referral to completion, for referrals made in this period',
			shareHeading: 'Of all referred',
			stages: [
				{ label: 'Referred', figure: cell('referrals') },
				{ label: 'Agreed to take part', figure: cell('consents'), share: percentage(cell('consents'), cell('referrals'), minimumDenominator) },
				{ label: 'Assessed', figure: cell('assessments'), share: percentage(cell('assessments'), cell('referrals'), minimumDenominator) },
				{ label: 'Completed so far', figure: cell('cohortCompleted'), share: percentage(cell('cohortCompleted'), cell('referrals'), minimumDenominator) }
			]
		})
	];
	if (ethnicity) {
		charts.push(
			barChart({
				id: 'ethnicity',
				title: 'Referrals by ethnicity (major group)',
				valueHeading: 'Referrals',
				bars: ethnicity.groups.map((g) => ({ label: g.label, figure: g.referrals }))
			})
		);
	}
	return charts;
}
