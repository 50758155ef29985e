import { METRICS } from '../metrics';
import { AGENCY_GROUPS, CAME_TO_LIGHT_GROUPS } from './groups';
import { medianFigure, metricBlock, percent, table, type Context, type MetricBlock, type Reader } from './tables';

/** The service's activity, keyed by submission date (DOMAIN.md §5): referrals, conversion, timings, time limits, escalations, onward referrals. */
export function activityBlocks(ctx: Context): MetricBlock[] {
	return [
		metricBlock(ctx, METRICS.referralsByCameToLight, [
			table(ctx, {
				id: 'came-to-light',
				caption: 'Referrals by how the incident came to light',
				rowHeading: 'How it came to light',
				headings: ['Referrals'],
				rows: [...CAME_TO_LIGHT_GROUPS.map((g) => ({ label: g.label, cells: (read: Reader) => [read(`referrals/${g.value}`)] })), { label: 'All referrals', cells: (read) => [read('referrals')] }]
			})
		]),
		metricBlock(ctx, METRICS.conversion, [
			table(ctx, {
				id: 'conversion',
				caption: 'From referral to completion',
				rowHeading: 'Stage',
				headings: ['Number', 'Of referrals'],
				rows: [
					{ label: 'Referred', cells: (read) => [read('referrals'), percent(ctx, read('referrals'), read('referrals'))] },
					...(
						[
							['funnel/consented', 'Consented to take part'],
							['funnel/assessed', 'Assessed'],
							['funnel/engaged', 'Attended a session'],
							['funnel/completed', 'Completed']
						] as const
					).map(([id, label]) => ({ label, cells: (read: Reader) => [read(id), percent(ctx, read(id), read('referrals'))] }))
				]
			})
		]),
		metricBlock(ctx, METRICS.timeToTriage, [
			table(ctx, {
				id: 'time-to-triage',
				caption: 'Time from referral to triage',
				rowHeading: 'Measure',
				headings: ['Median', 'Referrals triaged'],
				rows: [{ label: 'Submission to first triage decision', cells: (read, scope) => [medianFigure(ctx, scope.medians.triageHours, read('timed/triage'), 'hours'), read('timed/triage')] }]
			})
		]),
		metricBlock(ctx, METRICS.timeToFirstContact, [
			table(ctx, {
				id: 'time-to-first-contact',
				caption: 'Time from referral to first contact',
				rowHeading: 'Measure',
				headings: ['Median', 'Referrals with a first contact'],
				rows: [{ label: 'Submission to first contact with the young person', cells: (read, scope) => [medianFigure(ctx, scope.medians.firstContactDays, read('timed/contact'), 'days'), read('timed/contact')] }]
			})
		]),
		metricBlock(ctx, METRICS.slaBreaches, [
			table(ctx, {
				id: 'sla-breaches',
				caption: 'Time limits missed',
				rowHeading: 'Time limit',
				headings: ['Missed'],
				rows: [
					{ label: 'Triage (referrals)', cells: (read) => [read('sla/triage')] },
					{ label: 'Countersigning a decision not to escalate (referrals)', cells: (read) => [read('sla/countersign')] },
					{ label: 'Escalation deadlines (escalations)', cells: (read) => [read('sla/escalation')] }
				]
			})
		]),
		metricBlock(ctx, METRICS.declinedEscalations, [
			table(ctx, {
				id: 'declined-escalations',
				caption: 'Required escalations declined',
				rowHeading: 'Measure',
				headings: ['Referrals', 'Of referrals'],
				rows: [{ label: 'Referrals with a required escalation declined', cells: (read) => [read('declined'), percent(ctx, read('declined'), read('referrals'))] }]
			})
		]),
		metricBlock(ctx, METRICS.escalationOutcomes, [
			table(ctx, {
				id: 'escalation-outcomes',
				caption: 'Escalations and their outcomes',
				rowHeading: 'Escalations',
				headings: ['Number'],
				rows: [
					{ label: 'Agency decision recorded', cells: (read) => [read('escalations/decided')] },
					{ label: 'Awaiting a decision', cells: (read) => [read('escalations/awaiting')] },
					{ label: 'Withdrawn before a decision', cells: (read) => [read('escalations/withdrawn')] },
					{ label: 'All escalations sent', cells: (read) => [read('escalations')] }
				]
			}),
			table(ctx, {
				id: 'escalation-outcomes-by-agency',
				caption: 'Escalations and their outcomes, by agency',
				rowHeading: 'Agency',
				headings: ['Decision recorded', 'Awaiting a decision', 'Withdrawn', 'All sent'],
				rows: AGENCY_GROUPS.map((a) => ({
					label: a.label,
					cells: (read) => [read(`escalations/${a.value}/decided`), read(`escalations/${a.value}/awaiting`), read(`escalations/${a.value}/withdrawn`), read(`escalations/${a.value}`)]
				}))
			})
		]),
		metricBlock(ctx, METRICS.escalationsByAgency, [
			table(ctx, {
				id: 'escalations-by-agency',
				caption: 'Referrals with an escalation, by agency',
				rowHeading: 'Agency',
				headings: ['Referrals'],
				rows: AGENCY_GROUPS.map((a) => ({ label: a.label, cells: (read) => [read(`agency/${a.value}`)] }))
			})
		]),
		metricBlock(ctx, METRICS.onwardReferrals, [
			table(ctx, {
				id: 'onward-referrals',
				caption: 'Onward referrals',
				rowHeading: 'Onward referrals',
				headings: ['Number', 'Of those made'],
				rows: [
					{ label: 'Made', cells: (read) => [read('onward/made'), percent(ctx, read('onward/made'), read('onward/made'))] },
					{ label: 'Taken up', cells: (read) => [read('onward/takenUp'), percent(ctx, read('onward/takenUp'), read('onward/made'))] }
				]
			})
		])
	];
}
