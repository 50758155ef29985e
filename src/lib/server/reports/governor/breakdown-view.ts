import { ESCALATION_AGENCIES } from '$lib/escalation-agencies';
import { formatAcademicYear } from '$lib/schemas/admin-schools';
import { difference, percentage } from '../figures';
import { formatCount, type Cell, type Figure, type SuppressedReport } from '../suppression';
import { CHARACTERISTICS } from './groups';
import { figure } from './metrics-view';

/**
 * Breakdowns and disproportionality (DOMAIN.md §5): each group's share of referrals beside its share of
 * the school's roll, and each group's completion rate beside the overall rate, from suppressed cells
 * (percentages hide with their counts and under the minimum denominator). Pure.
 */
export interface GroupView {
	label: string;
	referrals: Figure;
	shareOfReferrals: Figure;
	shareOfRoll: Figure;
	outcomes: Figure;
	completed: Figure;
	completionRate: Figure;
}

export interface BreakdownView {
	key: string;
	label: string;
	groups: GroupView[];
	overallCompletionRate: Figure;
	/** Said when the roll for this characteristic is incomplete, so shares of the roll cannot be worked out. */
	rollNote: string | null;
}

/** Numbers on roll are the school census's, not counts of referred pupils: printed as they are. */
const rollCell = (value: number): Cell => ({ value, display: formatCount(value), suppressed: null });
const NOT_ENTERED: Figure = { value: null, display: 'roll not entered' };

export function breakdownViews(report: SuppressedReport, view: string, roll: Record<string, Record<string, number>>, academicYear: number, minimumDenominator: number): BreakdownView[] {
	const cell = (id: string) => report.cell(`${view}:${id}`);
	const overall = figure(percentage(cell('outcomes/completed'), cell('outcomes'), minimumDenominator));
	return CHARACTERISTICS.map((c) => {
		const entered = roll[c.key] ?? {};
		const rollGroups = c.groups.filter((g) => g.code !== 'not-recorded');
		const complete = rollGroups.every((g) => entered[g.code] !== undefined);
		const rollTotal = rollGroups.reduce((sum, g) => sum + (entered[g.code] ?? 0), 0);
		return {
			key: c.key,
			label: c.label,
			overallCompletionRate: overall,
			rollNote: complete ? null : `The school’s numbers on roll for ${formatAcademicYear(academicYear)} are not all entered, so shares of the roll are not shown.`,
			groups: c.groups.map((g) => {
				const referrals = cell(`referrals/${c.key}/${g.code}`);
				const outcomes = cell(`outcomes/${c.key}/${g.code}`);
				const completed = cell(`completed/${c.key}/${g.code}`);
				const onRoll = entered[g.code];
				return {
					label: g.label,
					referrals: figure(referrals),
					shareOfReferrals: figure(percentage(referrals, cell('referrals'), minimumDenominator)),
					shareOfRoll: complete && onRoll !== undefined ? figure(percentage(rollCell(onRoll), rollCell(rollTotal), minimumDenominator)) : g.code === 'not-recorded' ? { value: null, display: '' } : NOT_ENTERED,
					outcomes: figure(outcomes),
					completed: figure(completed),
					completionRate: figure(percentage(completed, outcomes, minimumDenominator))
				};
			})
		};
	});
}

export interface EscalationView {
	label: string;
	current: Figure;
	previous: Figure | null;
	change: Figure | null;
}

export function escalationViews(report: SuppressedReport, view: string, previousView: string | null): EscalationView[] {
	return ESCALATION_AGENCIES.map((agency) => {
		const current = report.cell(`${view}:escalation/${agency.value}`);
		const previous = previousView ? report.cell(`${previousView}:escalation/${agency.value}`) : null;
		return { label: agency.label, current: figure(current), previous: previous ? figure(previous) : null, change: previous ? figure(difference(current, previous)) : null };
	});
}
