import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import SvgChart from '$lib/components/SvgChart.svelte';
import { barChart, MAX_BARS } from './bar';

describe('the chart component', () => {
	it('places the SVG and prints the same figures as a GOV.UK table with a caption', () => {
		const chart = barChart({ id: 'fsm', title: 'Referrals by free school meals', valueHeading: 'Referrals', bars: [{ label: '<b>Eligible</b>', figure: { value: null, display: '<5' } }, { label: 'Not eligible', figure: { value: 9, display: '9' } }] });
		// Without Svelte's hydration comments, so the markup reads as a browser would get it.
		const body = render(SvgChart, { props: { chart } }).body.replace(/<!--[^>]*-->/g, '');
		expect(body).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
		// GOV.UK's table styles come from the table's class (app.scss .app-figures).
		expect(body).toContain('<table class="app-figures"><caption>Referrals by free school meals</caption>');
		expect(body).toMatch(/<th scope="row">&lt;b>Eligible&lt;\/b><\/th>\s*<td>&lt;5<\/td>/);
		expect(body).not.toContain('<b>Eligible');
	});

	it('prints the table alone when there are too many groups to chart', () => {
		const bars = Array.from({ length: MAX_BARS + 1 }, (_, i) => ({ label: `School ${i + 1}`, figure: { value: 10, display: '10' } }));
		const body = render(SvgChart, { props: { chart: barChart({ id: 'schools', title: 'Referrals by school', valueHeading: 'Referrals', bars }) } }).body;
		expect(body).not.toContain('<svg');
		expect(body).toContain('<caption>Referrals by school</caption>');
		expect(body).toContain('School 31');
	});
});
