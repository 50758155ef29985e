import type { MetricDefinition } from '../metrics';
import { hasMatured, type Period } from '../periods';

/**
 * Whether a period's figures can still grow (DOMAIN.md §5: "a period whose cases have not yet matured
 * says so"). A period that has not ended will gain cases; after it ends, a measure taken some months
 * after the key date (an assessment, a first session) is complete only once every case had that long.
 */
export function maturityNote(metric: MetricDefinition, period: Period, today: string): string | null {
	if (!hasMatured(period, 0, today)) return `This period (${period.label}) has not ended yet: these figures will grow.`;
	const months = metric.maturesAfterMonths;
	if (months > 0 && !hasMatured(period, months, today)) {
		return `Cases from this period (${period.label}) have not all reached ${months} months yet: these figures will grow.`;
	}
	return null;
}
