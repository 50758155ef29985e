import { eq } from 'drizzle-orm';
import type { LoadEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, t } from '$lib/server/db';
import { RenderedSection } from '$lib/rendered-section';
import { buildGovernorReport } from '$lib/server/reports/governor/report';
import { renderedOnce, type KeptHtml } from '$lib/server/render/kept-section';
import { PERIOD_OPEN_NOTE } from '$lib/server/reports/service/tables';
import { transport } from '../../src/hooks';
import { load as governorLoad } from '../../src/routes/(app)/reports/school/[schoolId]/+page.server';
import ReportBody from '../../src/routes/(app)/reports/school/[schoolId]/ReportBody.svelte';
import { load as serviceLoad } from '../../src/routes/(app)/reports/service/+page.server';
import { useTestDatabase } from '../helpers/database';
import { fakeEvent } from '../helpers/event';
import { signedInAs } from '../helpers/signed-in';
import { seedWorld, type World } from '../helpers/world';
import { insertStatistic, seedGovernorDataset } from './governor-report-fixtures';

/*
 * Report pages render their body once per kept report (issue 8) and send the browser a marker in
 * place of the figures, since the HTML is already in the page (src/lib/rendered-section.ts).
 */

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	await seedGovernorDataset(world.services[0].id, world.services[0].schools[0].id);
});
afterAll(() => close());

const service = () => world.services[0];
/** The financial year (April to March) a day falls in, as the report's period key. */
const financialYearKey = (day: Date) => `fy-${day.getUTCMonth() >= 3 ? day.getUTCFullYear() : day.getUTCFullYear() - 1}`;
const school = () => service().schools[0];
type GovernorData = { periodLabel: string; body: RenderedSection | string };

/** Every section a load placed by placeholder, as the response hook would find them (render/splice.ts). */
const placed = new Map<string, KeptHtml>();
function remember(event: { locals: App.Locals }) {
	for (const [placeholder, section] of event.locals.keptSections ?? []) placed.set(placeholder, section);
}

async function governorPage(options: { dataRequest?: boolean } = {}): Promise<GovernorData> {
	const auth = await signedInAs(school().actors.governor.userId);
	const event = { ...fakeEvent({ path: `/reports/school/${school().id}?period=ay-2024`, auth }), params: { schoolId: school().id }, isDataRequest: options.dataRequest ?? false };
	const data = (await governorLoad(event as unknown as Parameters<typeof governorLoad>[0] & LoadEvent)) as GovernorData;
	remember(event);
	return data;
}

async function serviceBody(path: string, auth: Awaited<ReturnType<typeof signedInAs>>): Promise<RenderedSection> {
	const event = fakeEvent({ path, auth });
	const data = (await serviceLoad(event as unknown as Parameters<typeof serviceLoad>[0] & LoadEvent)) as { body: RenderedSection };
	remember(event);
	return data.body;
}

/** A full page load's section: its placeholder, and the kept HTML the response hook puts there. */
const htmlOf = (body: RenderedSection | string): string => {
	if (typeof body === 'string') throw new Error('expected a rendered section, not a string');
	const section = placed.get(body.html ?? '');
	if (!section) throw new Error(`no section placed for ${body.html}`);
	return section.html;
};

describe('a report page’s rendered body (issue 8)', () => {
	it('gives a full page load the HTML in a marker, and a client-side navigation the HTML itself', async () => {
		const page = await governorPage();
		expect(page.body).toBeInstanceOf(RenderedSection);
		expect(htmlOf(page.body)).toContain('Exclusion-avoidance report');
		expect(page.periodLabel).toBe('Academic year 2024/25');
		const data = await governorPage({ dataRequest: true });
		expect(data.body).toBe(htmlOf(page.body));
	});

	it('sends the browser only a marker for the section: its HTML is already in the page', () => {
		const encode = transport.RenderedSection?.encode;
		const decode = transport.RenderedSection?.decode;
		expect(encode?.(new RenderedSection('<p>the whole report</p>'))).toEqual([]);
		expect(encode?.({ html: '<p>not a section</p>' })).toBe(false);
		expect(encode?.('a string')).toBe(false);
		const decoded = decode?.([]) as RenderedSection;
		expect(decoded).toBeInstanceOf(RenderedSection);
		expect(decoded.html).toBeNull();
	});

	it('leaves out Svelte’s hydration markers, whose empty comment would end the browser’s walk over the kept nodes', async () => {
		const html = htmlOf((await governorPage()).body);
		expect(html).not.toContain('<!--');
		expect(html).toContain('<table class="app-figures">');
	});

	it('renders once per kept report, and afresh once a change makes a new report', async () => {
		const report = await buildGovernorReport(school().actors.governor, school().id, 'ay-2024');
		if (!report) throw new Error('no report');
		const first = renderedOnce(report, ReportBody, { report });
		// Kept by the report it was rendered for: other props for the same report are not rendered again.
		const other = await buildGovernorReport(school().actors.governor, school().id, 'ay-2023');
		if (!other) throw new Error('no report');
		expect(renderedOnce(report, ReportBody, { report: other })).toBe(first);
		expect(renderedOnce(other, ReportBody, { report: other })).not.toBe(first);

		const before = htmlOf((await governorPage()).body);
		for (let n = 0; n < 6; n++) await insertStatistic(service().id, school().id, { submittedOn: '2024-11-01', cameToLight: 'search', sex: 'F' });
		const after = htmlOf((await governorPage()).body);
		expect(after).not.toBe(before);
		const referrals = (html: string) => /Referrals <span[^]*?<\/th><td>([^<]*)<\/td>/.exec(html)?.[1];
		expect(Number(referrals(after))).toBe(Number(referrals(before)) + 6);
	});

	it('escapes text typed into the app like any page: a hostile school name stays text, and forms no marker', async () => {
		const hostile = 'Oak <script>alert(1)</script> <!----> <img src=x onerror=alert(2)> & "Co"';
		await db().update(t.school).set({ name: hostile }).where(eq(t.school.id, school().id));
		const html = htmlOf((await governorPage()).body);
		expect(html).toContain('Oak &lt;script>alert(1)&lt;/script> &lt;!----> &lt;img src=x onerror=alert(2)> &amp; "Co"');
		expect(html).not.toMatch(/<script|<img|<!--/);

		const commissioner = await signedInAs(service().actors.commissioner.userId);
		const serviceHtml = htmlOf(await serviceBody(`/reports/service?school=${school().id}`, commissioner));
		expect(serviceHtml).toContain('Oak &lt;script>alert(1)&lt;/script>');
		expect(serviceHtml).not.toMatch(/<script|<img|<!--/);
	});

	it('says once, under the period, that a period still running is not final, rather than at every table', async () => {
		const commissioner = await signedInAs(service().actors.commissioner.userId);
		const page = async (period: string) =>
			htmlOf(await serviceBody(`/reports/service?period=${period}`, commissioner));
		const running = await page(financialYearKey(new Date()));
		expect(running.split(PERIOD_OPEN_NOTE)).toHaveLength(2);
		expect(running.indexOf(PERIOD_OPEN_NOTE)).toBeLessThan(running.indexOf('<table'));
		const ended = await page('fy-2024');
		expect(ended).toContain('Financial year 2024/25');
		expect(ended).not.toContain(PERIOD_OPEN_NOTE);
	});
});
