import { METRICS } from '../metrics';
import { CHARACTERISTICS } from './groups';
import { metricBlock, percent, table, type Context, type MetricBlock, type Reader } from './tables';

/**
 * Who is referred and who completes, by each characteristic recorded at referral (DOMAIN.md §5).
 * Only cases with consent for evaluation: without it a case counts in the totals but not in
 * breakdowns beyond the school's own (DOMAIN.md §3 step 2), and a commissioner is beyond it.
 */
export function equalityBlocks(ctx: Context): MetricBlock[] {
	return [
		metricBlock(
			ctx,
			METRICS.equalityReferrals,
			CHARACTERISTICS.map((c) =>
				table(ctx, {
					id: `equality-${c.key}`,
					caption: `${c.label}: referrals and completions`,
					rowHeading: c.label,
					headings: ['Referrals', 'Share of referrals', 'Outcomes recorded', 'Completed', 'Completion rate'],
					rows: [...c.groups.map((g) => ({ label: g.label, at: (m: string) => `eq/${c.key}/${m}/${g.value}` })), { label: 'All with consent for evaluation', at: (m: string) => `eq/${m}` }].map((row) => ({
						label: row.label,
						cells: (read: Reader) => [read(row.at('referrals')), percent(ctx, read(row.at('referrals')), read('eq/referrals')), read(row.at('outcomes')), read(row.at('completed')), percent(ctx, read(row.at('completed')), read(row.at('outcomes')))]
					}))
				})
			)
		),
		metricBlock(ctx, METRICS.equalityCompletions, [])
	];
}
