import { formatIsoDate } from '$lib/schemas/fields';
import { percentage, tooFewLabel } from '../figures';
import { definitionLine, type MetricDefinition } from '../metrics';
import { addMonths, hasMatured, type Period } from '../periods';
import { HIDDEN, type Cell, type Figure, type SuppressedReport } from '../suppression';

/**
 * The pieces every section of the service report is made of: a metric (its definition, plain line and
 * maturity note) with tables of figures taken only from the suppressed report, one set of columns per
 * scope shown (the school, then the whole service). The page, the charts and the CSV print these.
 */
export interface TableRow {
	label: string;
	cells: Figure[];
}

export interface ReportTable {
	id: string;
	caption: string;
	rowHeading: string;
	columns: string[];
	rows: TableRow[];
}

export interface MetricBlock {
	key: string;
	label: string;
	definition: string;
	explain: string;
	/** Set when the period's cases have not all reached this measure yet. */
	maturity: string | null;
	estimate: boolean;
	tables: ReportTable[];
}

/** A scope printed in the report: its name and its view's prefix in the suppressed family. */
export interface ScopeColumn {
	name: string;
	prefix: string;
	medians: { triageHours: number | null; firstContactDays: number | null };
}

export interface Context {
	report: SuppressedReport;
	scopes: readonly ScopeColumn[];
	period: Period;
	today: string;
	minimumDenominator: number;
}

export type Reader = (id: string) => Cell;

/** Every figure's note while its period is still running: the page says it once, the CSV on every row. */
export const PERIOD_OPEN_NOTE = 'Not final: this period has not ended yet, so its figures will change.';

export function maturityNote(metric: MetricDefinition, period: Period, today: string): string | null {
	if (hasMatured(period, metric.maturesAfterMonths, today)) return null;
	if (period.to >= today) return PERIOD_OPEN_NOTE;
	return `Not final: cases in this period can still change this figure until ${formatIsoDate(addMonths(period.to, metric.maturesAfterMonths))}.`;
}

export function metricBlock(ctx: Context, metric: MetricDefinition, tables: ReportTable[]): MetricBlock {
	return {
		key: metric.key,
		label: metric.label,
		definition: definitionLine(metric),
		explain: metric.explain,
		maturity: maturityNote(metric, ctx.period, ctx.today),
		estimate: metric.estimate ?? false,
		tables
	};
}

/**
 * A table with the same columns for each scope: `headings` once per scope (prefixed with the scope's
 * name when there are two), each row's cells worked out from that scope's view only.
 */
export function table(
	ctx: Context,
	spec: { id: string; caption: string; rowHeading: string; headings: string[]; rows: { label: string; cells: (read: Reader, scope: ScopeColumn) => Figure[] }[] }
): ReportTable {
	const many = ctx.scopes.length > 1;
	return {
		id: spec.id,
		caption: spec.caption,
		rowHeading: spec.rowHeading,
		columns: ctx.scopes.flatMap((s) => spec.headings.map((h) => (many ? `${s.name}: ${h}` : h))),
		rows: spec.rows.map((row) => ({
			label: row.label,
			cells: ctx.scopes.flatMap((s) => {
				const cells = row.cells((id) => ctx.report.cell(`${s.prefix}:${id}`), s);
				return cells.map(plain);
			})
		}))
	};
}

/** Only value and display reach the page and the CSV. */
export const plain = (f: Figure): Figure => ({ value: f.value, display: f.display });

export function percent(ctx: Context, numerator: Cell, denominator: Cell): Figure {
	return percentage(numerator, denominator, ctx.minimumDenominator);
}

/**
 * A median shown only when the count of cases behind it is printed and at least the minimum for a
 * percentage: the median of one or two cases is their own value.
 */
export function medianFigure(ctx: Context, value: number | null, behind: Cell, unit: string): Figure {
	if (behind.value === null) return { value: null, display: HIDDEN };
	if (behind.value < ctx.minimumDenominator) return { value: null, display: tooFewLabel(ctx.minimumDenominator) };
	if (value === null) return { value: null, display: 'none' };
	return { value, display: `${value.toLocaleString('en-GB')} ${unit}` };
}

/** Pounds from a printed figure times a unit cost; hidden with the figure. */
export function pounds(figure: Figure, unit: number): Figure {
	if (figure.value === null) return { value: null, display: HIDDEN };
	const value = figure.value * unit;
	return { value, display: `£${value.toLocaleString('en-GB')}` };
}

/** The sum of printed money figures; hidden when any is, since the total less the others would give it back. */
export function totalPounds(figures: Figure[]): Figure {
	if (figures.some((f) => f.value === null)) return { value: null, display: HIDDEN };
	const value = figures.reduce((s, f) => s + (f.value ?? 0), 0);
	return { value, display: `£${value.toLocaleString('en-GB')}` };
}
