import { barChart } from '../charts/bar';
import { funnelChart } from '../charts/funnel';
import type { Chart } from '../charts/svg';
import { trendChart } from '../charts/trend';
import type { Period } from '../periods';
import type { SuppressedReport } from '../suppression';
import { percent, plain, type Context } from './tables';

/** The report's charts, drawn on the server from suppressed cells only (charts/), each with its data table. */
export function serviceCharts(ctx: Context, report: SuppressedReport, options: { prefix: string; scopeName: string; schools: { id: string; name: string }[] | null; trend: readonly Period[] }): Chart[] {
	const read = (id: string) => report.cell(`${options.prefix}:${id}`);
	const charts: Chart[] = [];
	if (options.schools) {
		charts.push(
			barChart({
				id: 'referrals-by-school',
				title: `Referrals by school, ${ctx.period.label}`,
				valueHeading: 'Referrals',
				bars: options.schools.map((s) => ({ label: s.name, figure: plain(report.cell(`${s.id}:referrals`)) }))
			})
		);
	}
	const stages = [
		['referrals', 'Referred'],
		['funnel/assessed', 'Assessed'],
		['funnel/engaged', 'Attended a session'],
		['funnel/completed', 'Completed']
	] as const;
	charts.push(
		funnelChart({
			id: 'conversion-funnel',
			title: `From referral to completion, ${options.scopeName}, ${ctx.period.label}`,
			stages: stages.map(([id, label], i) => ({ label, figure: plain(read(id)), share: i === 0 ? undefined : percent(ctx, read(id), read(stages[i - 1]?.[0] ?? 'referrals')) }))
		})
	);
	charts.push(
		trendChart({
			id: 'trend',
			title: `Referrals and completions, ${options.scopeName}`,
			periods: [...options.trend.map((p) => p.label), ctx.period.label],
			series: [
				{ name: 'Referrals', figures: [...options.trend.map((p) => plain(read(`trend/${p.key}/referrals`))), plain(read('referrals'))] },
				{ name: 'Completed', figures: [...options.trend.map((p) => plain(read(`trend/${p.key}/completed`))), plain(read('outcomes/completed'))] }
			]
		})
	);
	return charts;
}
