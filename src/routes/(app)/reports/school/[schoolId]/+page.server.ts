import { error } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { governorReport } from '$lib/server/reports/governor/report';
import { renderedOnce, sectionForPage } from '$lib/server/render/kept-section';
import ReportBody from './ReportBody.svelte';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'report.governor');
	const report = await governorReport(actor, event.params.schoolId, event.url.searchParams.get('period')?.slice(0, 40) ?? null);
	if (!report) error(404, 'Not found');
	return { periodLabel: report.period.label, body: sectionForPage(event, renderedOnce(report, ReportBody, { report })) };
};
