import { describe, expect, it } from 'vitest';
import { breakdown, separateCounts } from '../publication';
import { suppress, type Figure } from '../suppression';
import { barChart, HIDDEN_BAR, MAX_BARS } from './bar';
import { funnelChart } from './funnel';
import { COLOURS, escapeXml } from './svg';
import { HIDDEN_COLUMN, trendChart } from './trend';
import { isWellFormedXml } from './xml-check';

const shown = (value: number): Figure => ({ value, display: String(value) });

function sexChart(counts: Record<string, number>) {
	const report = suppress(breakdown('sex', counts), 5);
	return barChart({ id: 'sex', title: 'Referrals by sex', valueHeading: 'Referrals', bars: Object.keys(counts).map((k) => ({ label: k, figure: report.cell(`sex/${k}`) })) });
}

function funnelOf(counts: { referred: number; assessed: number; completed: number }) {
	const report = suppress(separateCounts(counts), 5);
	return funnelChart({ id: 'funnel', title: 'From referral to completion', stages: Object.keys(counts).map((k) => ({ label: k, figure: report.cell(k) })) });
}

function trend(previous: Figure) {
	return trendChart({ id: 'trend', title: 'Referrals and completions by term', periods: ['Autumn', 'Spring'], series: [{ name: 'Referrals', figures: [previous, shown(12)] }, { name: 'Completions', figures: [shown(5), shown(9)] }] });
}

function luminance(hex: string): number {
	const channel = (i: number) => {
		const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}
const contrastOnWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

describe('charts', () => {
	it('writes well-formed SVG with role="img", a title and a description', () => {
		for (const chart of [sexChart({ F: 3, M: 9, U: 6 }), funnelOf({ referred: 20, assessed: 12, completed: 3 }), trend(shown(7))]) {
			expect(isWellFormedXml(chart.svg)).toBe(true);
			expect(chart.svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="(\w+)-title \1-desc"/);
			expect(chart.svg).toContain(`<title id="${chart.svg.match(/id="([\w-]+-title)"/)?.[1]}">${escapeXml(chart.title)}</title>`);
			expect(chart.svg).toContain(`<desc id=`);
			expect(chart.description.length).toBeGreaterThan(10);
		}
	});

	it('is checked by a parser that does refuse broken markup', () => {
		expect(isWellFormedXml('<svg><g></svg>')).toBe(false);
		expect(isWellFormedXml('<svg><text>a < b</text></svg>')).toBe(false);
		expect(isWellFormedXml('<svg a="1" a="2"/>')).toBe(false);
		expect(isWellFormedXml('<svg><text>Tom &amp; Zoë</text></svg>')).toBe(true);
	});

	it('escapes hostile labels and titles, so no script or handler reaches the page', () => {
		const chart = barChart({ id: 'x"><script>', title: '<script>alert(1)</script>', valueHeading: '" onload="alert(1)', bars: [{ label: '<img src=x onerror=alert(1)>&', figure: shown(5) }] });
		expect(isWellFormedXml(chart.svg)).toBe(true);
		expect(chart.svg).not.toMatch(/<script|<img|onload="|onerror=alert\(1\)>/);
		expect(chart.svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
	});

	it('draws a hidden count as a fixed-size placeholder: the chart is the same whatever the hidden count is', () => {
		const three = sexChart({ F: 3, M: 9, U: 6 });
		const four = sexChart({ F: 4, M: 9, U: 5 });
		expect(three.svg).toBe(four.svg);
		const hiddenBars = [...three.svg.matchAll(/<rect [^>]*class="app-chart__hidden"[^>]*>/g)].map((m) => m[0]);
		expect(hiddenBars).toHaveLength(2);
		for (const rect of hiddenBars) expect(rect).toContain(`width="${HIDDEN_BAR}"`);
		expect(three.svg).toContain('>&lt;5</text>');
		expect(three.svg).toContain('>hidden</text>');
	});

	it('never stretches a bar or the axis to a hidden count', () => {
		expect(funnelOf({ referred: 20, assessed: 12, completed: 3 }).svg).toBe(funnelOf({ referred: 20, assessed: 12, completed: 4 }).svg);
		const autumn = (n: number) => suppress(separateCounts({ autumn: n }), 5).cell('autumn');
		expect(trend(autumn(1)).svg).toBe(trend(autumn(4)).svg);
		expect(trend(autumn(1)).svg).toContain(`height="${HIDDEN_COLUMN}"`);
		const widths = [...funnelOf({ referred: 20, assessed: 12, completed: 3 }).svg.matchAll(/width="([\d.]+)"/g)].map((m) => Number(m[1]));
		expect(widths).not.toContain((3 / 20) * 330);
	});

	it('gives each chart a data table with the same figures as the drawing', () => {
		expect(sexChart({ F: 3, M: 9, U: 6 }).table).toEqual({
			caption: 'Referrals by sex',
			head: ['Group', 'Referrals'],
			rows: [
				{ label: 'F', cells: ['<5'] },
				{ label: 'M', cells: ['9'] },
				{ label: 'U', cells: ['hidden'] }
			]
		});
		expect(trend(shown(7)).table.rows).toEqual([
			{ label: 'Autumn', cells: ['7', '5'] },
			{ label: 'Spring', cells: ['12', '9'] }
		]);
	});

	it('gives more groups than a chart can show legibly as the table alone, every group in it', () => {
		const bars = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `School ${i + 1}`, figure: shown(10 + i) }));
		const most = barChart({ id: 'schools', title: 'Referrals by school', valueHeading: 'Referrals', bars: bars(MAX_BARS) });
		expect(most.svg).toContain('School 30');
		const tooMany = barChart({ id: 'schools', title: 'Referrals by school', valueHeading: 'Referrals', bars: bars(MAX_BARS + 1) });
		expect(tooMany.svg).toBe('');
		expect(tooMany.table.rows).toHaveLength(MAX_BARS + 1);
		expect(tooMany.table.rows[MAX_BARS]).toEqual({ label: 'School 31', cells: ['40'] });
	});

	it('uses no inline styles, which the CSP forbids', () => {
		for (const chart of [sexChart({ F: 3, M: 9, U: 6 }), funnelOf({ referred: 20, assessed: 12, completed: 3 }), trend(shown(7))]) {
			expect(chart.svg).not.toMatch(/style[=>]/);
		}
	});

	it('draws in colours that stand out from white: 3:1 for shapes, 4.5:1 for text', () => {
		for (const colour of [...COLOURS.series, COLOURS.hatch, COLOURS.axis]) expect(contrastOnWhite(colour)).toBeGreaterThanOrEqual(3);
		for (const colour of [COLOURS.text, COLOURS.secondaryText]) expect(contrastOnWhite(colour)).toBeGreaterThanOrEqual(4.5);
	});
});

describe('trend axis labels', () => {
	it('leaves off the words every period shares, so the part that differs fits under its column', async () => {
		const { axisLabels } = await import('./trend');
		expect(axisLabels(['Financial year 2024/25', 'Financial year 2025/26'])).toEqual(['2024/25', '2025/26']);
		expect(axisLabels(['Quarter 4 of 2025/26', 'Quarter 1 of 2026/27'])).toEqual(['4 of 2025/26', '1 of 2026/27']);
		expect(axisLabels(['Autumn term 2025/26', 'Spring term 2025/26'])).toEqual(['Autumn term 2025/26', 'Spring term 2025/26']);
		expect(axisLabels(['Academic year 2025/26'])).toEqual(['Academic year 2025/26']);
	});
});
